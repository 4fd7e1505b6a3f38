import { Controller, Inject } from '@nestjs/common';

import { OrdersRpc } from '@salesops/orders-contracts';
import type { CallContext, IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcCallContext, RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { SalesContractsService } from './sales-contracts.service';

type Request<K extends Exclude<keyof typeof OrdersRpc, 'openOrders'>> = RpcRequest<
  (typeof OrdersRpc)[K]
>;

@Controller()
export class SalesContractsController {
  constructor(@Inject(SalesContractsService) private readonly contracts: SalesContractsService) {}

  @RpcHandler(OrdersRpc.createContract)
  create(@RpcPayload() request: Request<'createContract'>, @RpcCallContext() context: CallContext) {
    return this.contracts.create(request, context);
  }

  @RpcHandler(OrdersRpc.getContract)
  get(@RpcPayload() request: Request<'getContract'>, @RpcIdentity() identity: IdentityClaims) {
    return this.contracts.get(request, identity);
  }

  @RpcHandler(OrdersRpc.listContracts)
  list(@RpcPayload() request: Request<'listContracts'>, @RpcIdentity() identity: IdentityClaims) {
    return this.contracts.list(request, identity);
  }

  @RpcHandler(OrdersRpc.submitContract)
  submit(
    @RpcPayload() request: Request<'submitContract'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.contracts.submit(request, identity);
  }

  @RpcHandler(OrdersRpc.approveContract)
  approve(
    @RpcPayload() request: Request<'approveContract'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.contracts.approve(request, identity);
  }

  @RpcHandler(OrdersRpc.signContract)
  sign(@RpcPayload() request: Request<'signContract'>, @RpcIdentity() identity: IdentityClaims) {
    return this.contracts.sign(request, identity);
  }

  @RpcHandler(OrdersRpc.completeContract)
  complete(
    @RpcPayload() request: Request<'completeContract'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.contracts.complete(request, identity);
  }

  @RpcHandler(OrdersRpc.terminateContract)
  terminate(
    @RpcPayload() request: Request<'terminateContract'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.contracts.terminate(request, identity);
  }
}

import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { CustomersService } from './customers.service';

type Request<K extends Exclude<keyof typeof CustomersRpc, 'customers'>> = RpcRequest<
  (typeof CustomersRpc)[K]
>;

@Controller()
export class CustomersController {
  constructor(@Inject(CustomersService) private readonly customers: CustomersService) {}

  @RpcHandler(CustomersRpc.createCustomer)
  create(
    @RpcPayload() request: Request<'createCustomer'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.customers.create(request, identity);
  }

  @RpcHandler(CustomersRpc.getCustomer)
  get(@RpcPayload() request: Request<'getCustomer'>, @RpcIdentity() identity: IdentityClaims) {
    return this.customers.get(request, identity);
  }

  @RpcHandler(CustomersRpc.customerReach)
  reach(@RpcPayload() request: Request<'customerReach'>, @RpcIdentity() identity: IdentityClaims) {
    return this.customers.reach(request, identity);
  }

  @RpcHandler(CustomersRpc.listCustomers)
  list(@RpcPayload() request: Request<'listCustomers'>, @RpcIdentity() identity: IdentityClaims) {
    return this.customers.list(request, identity);
  }

  @RpcHandler(CustomersRpc.updateCustomer)
  update(
    @RpcPayload() request: Request<'updateCustomer'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.customers.update(request, identity);
  }

  @RpcHandler(CustomersRpc.customerHistory)
  history(
    @RpcPayload() request: Request<'customerHistory'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.customers.history(request, identity);
  }

  @RpcHandler(CustomersRpc.markLost)
  markLost(@RpcPayload() request: Request<'markLost'>, @RpcIdentity() identity: IdentityClaims) {
    return this.customers.move(
      { ...request, reason: request.input.reason },
      { kind: 'lose' },
      identity,
    );
  }

  @RpcHandler(CustomersRpc.markDormant)
  markDormant(
    @RpcPayload() request: Request<'markDormant'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.customers.move(
      { ...request, reason: request.input.reason },
      { kind: 'sleep' },
      identity,
    );
  }

  @RpcHandler(CustomersRpc.reopen)
  reopen(@RpcPayload() request: Request<'reopen'>, @RpcIdentity() identity: IdentityClaims) {
    return this.customers.move(request, { kind: 'reopen' }, identity);
  }

  @RpcHandler(CustomersRpc.advance)
  advance(@RpcPayload() request: Request<'advance'>, @RpcIdentity() identity: IdentityClaims) {
    return this.customers.move(request, { kind: 'advance', to: request.input.stage }, identity);
  }

  @RpcHandler(CustomersRpc.markWon)
  markWon(@RpcPayload() request: Request<'markWon'>, @RpcIdentity() identity: IdentityClaims) {
    return this.customers.move(request, { kind: 'win' }, identity);
  }

  @RpcHandler(CustomersRpc.transfer)
  transfer(@RpcPayload() request: Request<'transfer'>, @RpcIdentity() identity: IdentityClaims) {
    return this.customers.transfer(request, identity);
  }
}

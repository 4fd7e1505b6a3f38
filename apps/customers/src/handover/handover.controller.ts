import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { HandoverService } from './handover.service';

type Contracts = typeof CustomersRpc.customers;

/** The customers side of a departure's handover, as the members service calls it. */
@Controller()
export class HandoverController {
  constructor(@Inject(HandoverService) private readonly handover: HandoverService) {}

  @RpcHandler(CustomersRpc.customers.holdings)
  holdings(@RpcPayload() request: RpcRequest<Contracts['holdings']>) {
    return this.handover.holdings(request);
  }

  @RpcHandler(CustomersRpc.customers.handOver)
  handOver(
    @RpcPayload() request: RpcRequest<Contracts['handOver']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.handover.handOver(request, identity);
  }

  @RpcHandler(CustomersRpc.customers.revertHandover)
  revertHandover(
    @RpcPayload() request: RpcRequest<Contracts['revertHandover']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.handover.revertHandover(request, identity);
  }
}

import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { VisitsService } from './visits.service';

@Controller()
export class VisitsController {
  constructor(@Inject(VisitsService) private readonly visits: VisitsService) {}

  @RpcHandler(CustomersRpc.planVisit)
  plan(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.planVisit>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.visits.plan(request, identity);
  }

  @RpcHandler(CustomersRpc.listVisits)
  list(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.listVisits>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.visits.list(request, identity);
  }

  @RpcHandler(CustomersRpc.getVisit)
  get(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.getVisit>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.visits.get(request, identity);
  }

  @RpcHandler(CustomersRpc.completeVisit)
  complete(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.completeVisit>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.visits.complete(request, identity);
  }

  @RpcHandler(CustomersRpc.cancelVisit)
  cancel(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.cancelVisit>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.visits.cancel(request, identity);
  }
}

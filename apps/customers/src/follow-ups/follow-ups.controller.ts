import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { FollowUpsService } from './follow-ups.service';

@Controller()
export class FollowUpsController {
  constructor(@Inject(FollowUpsService) private readonly followUps: FollowUpsService) {}

  @RpcHandler(CustomersRpc.logFollowUp)
  log(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.logFollowUp>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.followUps.log(request, identity);
  }

  @RpcHandler(CustomersRpc.listFollowUps)
  list(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.listFollowUps>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.followUps.list(request, identity);
  }
}

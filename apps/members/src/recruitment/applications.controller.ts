import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { ApplicationsService } from './applications.service';

@Controller()
export class ApplicationsController {
  constructor(@Inject(ApplicationsService) private readonly applications: ApplicationsService) {}

  @RpcHandler(MembersRpc.createApplication)
  create(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.createApplication>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.applications.create(request, identity);
  }

  @RpcHandler(MembersRpc.getApplication)
  get(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.getApplication>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.applications.get(request, identity);
  }

  @RpcHandler(MembersRpc.listApplications)
  list(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listApplications>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.applications.list(request, identity);
  }

  @RpcHandler(MembersRpc.advanceApplication)
  advance(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.advanceApplication>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.applications.advance(request, identity);
  }
}

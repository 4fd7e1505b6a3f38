import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { MembersService } from './members.service';

@Controller()
export class MembersController {
  constructor(@Inject(MembersService) private readonly members: MembersService) {}

  @RpcHandler(MembersRpc.createMember)
  create(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.createMember>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.members.create(request, identity);
  }

  @RpcHandler(MembersRpc.getMember)
  get(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.getMember>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.members.get(request, identity);
  }

  @RpcHandler(MembersRpc.listMembers)
  list(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listMembers>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.members.list(request, identity);
  }

  @RpcHandler(MembersRpc.listTeamMembers)
  listOfTeam(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listTeamMembers>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.members.listOfTeam(request, identity);
  }

  @RpcHandler(MembersRpc.updateMember)
  update(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.updateMember>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.members.update(request, identity);
  }
}

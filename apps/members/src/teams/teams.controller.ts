import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { TeamsService } from './teams.service';

@Controller()
export class TeamsController {
  constructor(@Inject(TeamsService) private readonly teams: TeamsService) {}

  @RpcHandler(MembersRpc.createTeam)
  create(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.createTeam>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teams.create(request, identity);
  }

  @RpcHandler(MembersRpc.updateTeam)
  update(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.updateTeam>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teams.update(request, identity);
  }

  @RpcHandler(MembersRpc.getTeam)
  get(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.getTeam>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teams.get(request, identity);
  }

  @RpcHandler(MembersRpc.teamSubtree)
  async subtree(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.teamSubtree>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return { teamIds: await this.teams.subtree(request, identity) };
  }

  @RpcHandler(MembersRpc.listTeams)
  list(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listTeams>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teams.list(request, identity);
  }
}

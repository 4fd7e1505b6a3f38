import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import { type Caller, type RpcRequest } from '@salesops/rpc';
import { RpcCaller, RpcHandler, RpcPayload } from '@salesops/service-runtime';

import { TeamsService } from './teams.service';

@Controller()
export class TeamsController {
  constructor(@Inject(TeamsService) private readonly teams: TeamsService) {}

  @RpcHandler(MembersRpc.createTeam)
  create(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.createTeam>,
    @RpcCaller() caller: Caller,
  ) {
    return this.teams.create(request, caller);
  }

  @RpcHandler(MembersRpc.getTeam)
  get(@RpcPayload() request: RpcRequest<typeof MembersRpc.getTeam>, @RpcCaller() _caller: Caller) {
    return this.teams.get(request.id);
  }

  @RpcHandler(MembersRpc.listTeams)
  list(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listTeams>,
    @RpcCaller() _caller: Caller,
  ) {
    return this.teams.list(request);
  }
}

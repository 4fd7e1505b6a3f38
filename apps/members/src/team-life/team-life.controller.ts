import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { TeamLifeService } from './team-life.service';

@Controller()
export class TeamLifeController {
  constructor(@Inject(TeamLifeService) private readonly teamLife: TeamLifeService) {}

  @RpcHandler(MembersRpc.requestLeave)
  requestLeave(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.requestLeave>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teamLife.requestLeave(request, identity);
  }

  @RpcHandler(MembersRpc.listLeaveRequests)
  listLeave(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listLeaveRequests>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teamLife.listLeave(request, identity);
  }

  @RpcHandler(MembersRpc.getLeaveRequest)
  getLeave(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.getLeaveRequest>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teamLife.getLeave(request, identity);
  }

  @RpcHandler(MembersRpc.decideLeave)
  decideLeave(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.decideLeave>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teamLife.decideLeave(request, identity);
  }

  @RpcHandler(MembersRpc.recordMeeting)
  recordMeeting(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.recordMeeting>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teamLife.recordMeeting(request, identity);
  }

  @RpcHandler(MembersRpc.getMeeting)
  getMeeting(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.getMeeting>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teamLife.getMeeting(request, identity);
  }

  @RpcHandler(MembersRpc.listMeetings)
  listMeetings(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listMeetings>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.teamLife.listMeetings(request, identity);
  }
}

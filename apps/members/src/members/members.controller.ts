import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { Caller, RpcRequest } from '@salesops/rpc';
import { RpcCaller, RpcHandler, RpcPayload } from '@salesops/service-runtime';

import { MembersService } from './members.service';

@Controller()
export class MembersController {
  constructor(@Inject(MembersService) private readonly members: MembersService) {}

  @RpcHandler(MembersRpc.createMember)
  create(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.createMember>,
    @RpcCaller() caller: Caller,
  ) {
    return this.members.create(request, caller);
  }

  @RpcHandler(MembersRpc.getMember)
  get(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.getMember>,
    @RpcCaller() _caller: Caller,
  ) {
    return this.members.get(request.id);
  }

  @RpcHandler(MembersRpc.listMembers)
  list(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listMembers>,
    @RpcCaller() _caller: Caller,
  ) {
    return this.members.list(request);
  }

  @RpcHandler(MembersRpc.updateMember)
  update(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.updateMember>,
    @RpcCaller() _caller: Caller,
  ) {
    return this.members.update(request);
  }
}

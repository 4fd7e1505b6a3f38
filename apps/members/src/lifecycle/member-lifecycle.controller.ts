import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { CallContext, IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcCallContext, RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { MemberLifecycleService } from './member-lifecycle.service';

@Controller()
export class MemberLifecycleController {
  constructor(@Inject(MemberLifecycleService) private readonly lifecycle: MemberLifecycleService) {}

  @RpcHandler(MembersRpc.probationCheckpoint)
  checkpoint(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.probationCheckpoint>,
    @RpcCallContext() context: CallContext,
  ) {
    return this.lifecycle.checkpoint(request, context);
  }

  @RpcHandler(MembersRpc.reviewProbation)
  reviewProbation(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.reviewProbation>,
    @RpcCallContext() context: CallContext,
  ) {
    return this.lifecycle.reviewProbation(request, context);
  }

  @RpcHandler(MembersRpc.transferMember)
  transfer(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.transferMember>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.lifecycle.transfer(request, identity);
  }

  @RpcHandler(MembersRpc.memberPlacements)
  placements(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.memberPlacements>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.lifecycle.placements(request, identity);
  }

  @RpcHandler(MembersRpc.suspendMember)
  suspend(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.suspendMember>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.lifecycle.suspend(request, identity);
  }

  @RpcHandler(MembersRpc.reinstateMember)
  reinstate(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.reinstateMember>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.lifecycle.reinstate(request, identity);
  }
}

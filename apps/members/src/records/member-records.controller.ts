import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { CallContext, IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcCallContext, RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { MemberRecordsService } from './member-records.service';

@Controller()
export class MemberRecordsController {
  constructor(@Inject(MemberRecordsService) private readonly records: MemberRecordsService) {}

  @RpcHandler(MembersRpc.issueCommendation)
  commend(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.issueCommendation>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.records.commend(request, identity);
  }

  @RpcHandler(MembersRpc.issueSanction)
  sanction(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.issueSanction>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.records.sanction(request, identity);
  }

  @RpcHandler(MembersRpc.decideSanction)
  decide(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.decideSanction>,
    @RpcCallContext() context: CallContext,
  ) {
    return this.records.decide(request, context);
  }

  @RpcHandler(MembersRpc.listRecords)
  list(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listRecords>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.records.list(request, identity);
  }
}

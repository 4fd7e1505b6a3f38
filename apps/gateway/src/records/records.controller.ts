import { Controller, Get, Inject, Post } from '@nestjs/common';
import { z } from 'zod';

import {
  commendationInputSchema,
  memberRecordSchema,
  MembersRpc,
  sanctionDecisionSchema,
  sanctionInputSchema,
} from '@salesops/members-contracts';
import { type CallContext, RpcClient } from '@salesops/rpc';

import { ApiRoute, ValidBody, ValidParams } from '../http/api-route.decorator';
import { CallCtx, IfMatchVersion } from '../http/call-context.decorator';

const idParams = z.object({ id: z.uuid() });

/** Commendations and sanctions in members' files. */
@Controller()
export class RecordsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post('members/:id/commendations')
  @ApiRoute({
    summary: 'Commend a member (with an optional award amount)',
    permission: MembersRpc.issueCommendation.permission,
    tag: 'records',
    status: 201,
    params: idParams,
    body: commendationInputSchema,
    response: memberRecordSchema,
  })
  commend(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof commendationInputSchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.issueCommendation, { memberId: params.id, input }, context);
  }

  @Post('members/:id/sanctions')
  @ApiRoute({
    summary:
      'Sanction a member: a warning takes effect at once, a fine or demotion after a manager approves, a dismissal after a director does',
    permission: MembersRpc.issueSanction.permission,
    tag: 'records',
    status: 201,
    params: idParams,
    body: sanctionInputSchema,
    response: memberRecordSchema,
  })
  sanction(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof sanctionInputSchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.issueSanction, { memberId: params.id, input }, context);
  }

  @Post('sanctions/:id/approve')
  @ApiRoute({
    summary: 'Approve a sanction (a dismissal names who takes over the member’s work)',
    permission: MembersRpc.decideSanction.permission,
    tag: 'records',
    params: idParams,
    body: sanctionDecisionSchema,
    response: memberRecordSchema,
    versioned: true,
  })
  approve(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof sanctionDecisionSchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(
      MembersRpc.decideSanction,
      { id: params.id, expectedVersion, decision: 'approve', input },
      context,
    );
  }

  @Post('sanctions/:id/reject')
  @ApiRoute({
    summary: 'Reject a sanction that waits for approval',
    permission: MembersRpc.decideSanction.permission,
    tag: 'records',
    params: idParams,
    response: memberRecordSchema,
    versioned: true,
  })
  reject(
    @ValidParams() params: z.output<typeof idParams>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(
      MembersRpc.decideSanction,
      { id: params.id, expectedVersion, decision: 'reject', input: {} },
      context,
    );
  }

  @Get('members/:id/records')
  @ApiRoute({
    summary: "A member's commendations and sanctions, newest first",
    permission: MembersRpc.listRecords.permission,
    tag: 'records',
    params: idParams,
    response: z.object({ items: z.array(memberRecordSchema) }),
  })
  list(@ValidParams() params: z.output<typeof idParams>, @CallCtx() context: CallContext) {
    return this.rpc.call(MembersRpc.listRecords, params, context);
  }
}

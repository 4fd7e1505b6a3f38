import { Controller, Get, Inject, Post } from '@nestjs/common';
import { z } from 'zod';

import {
  createLeaveRequestInputSchema,
  leaveRejectionInputSchema,
  leaveRequestSchema,
  listLeaveRequestsQuerySchema,
  MembersRpc,
} from '@salesops/members-contracts';
import { type CallContext, RpcClient } from '@salesops/rpc';

import { ApiRoute, ValidBody, ValidParams, ValidQuery } from '../http/api-route.decorator';
import { CallCtx, IdempotencyKey, IfMatchVersion } from '../http/call-context.decorator';
import { pageSchemaOf } from '../http/page';

const idParams = z.object({ id: z.uuid() });
const leaveRejectionBodySchema = leaveRejectionInputSchema.default({});
const decisionRoute = (summary: string) =>
  ApiRoute({
    summary,
    permission: MembersRpc.decideLeave.permission,
    tag: 'leave',
    params: idParams,
    response: leaveRequestSchema,
    versioned: true,
  });

@Controller('leave-requests')
export class LeaveRequestsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post()
  @ApiRoute({
    summary: 'Ask for leave (for oneself, or a leader for a member of the team)',
    permission: MembersRpc.requestLeave.permission,
    tag: 'leave',
    status: 201,
    body: createLeaveRequestInputSchema,
    response: leaveRequestSchema,
    idempotent: true,
  })
  request(
    @ValidBody() input: z.output<typeof createLeaveRequestInputSchema>,
    @IdempotencyKey() idempotencyKey: string | null,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.requestLeave, { idempotencyKey, input }, context);
  }

  @Get()
  @ApiRoute({
    summary: 'List leave requests, newest first',
    permission: MembersRpc.listLeaveRequests.permission,
    tag: 'leave',
    query: listLeaveRequestsQuerySchema,
    response: pageSchemaOf(leaveRequestSchema),
  })
  list(
    @ValidQuery() query: z.output<typeof listLeaveRequestsQuerySchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.listLeaveRequests, query, context);
  }

  @Post(':id/approve')
  @decisionRoute("Approve a member's leave (their leader)")
  approve(
    @ValidParams() params: z.output<typeof idParams>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
  ) {
    return this.decide(params.id, expectedVersion, 'approve', context);
  }

  @Post(':id/reject')
  @ApiRoute({
    summary: "Reject a member's leave (their leader), saying why if one will",
    permission: MembersRpc.decideLeave.permission,
    tag: 'leave',
    params: idParams,
    body: leaveRejectionBodySchema,
    response: leaveRequestSchema,
    versioned: true,
  })
  reject(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() body: z.output<typeof leaveRejectionBodySchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(
      MembersRpc.decideLeave,
      { id: params.id, expectedVersion, decision: 'reject', ...body },
      context,
    );
  }

  @Post(':id/cancel')
  @decisionRoute('Cancel one’s own pending leave request')
  cancel(
    @ValidParams() params: z.output<typeof idParams>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
  ) {
    return this.decide(params.id, expectedVersion, 'cancel', context);
  }

  private decide(
    id: string,
    expectedVersion: number | null,
    decision: 'approve' | 'reject' | 'cancel',
    context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.decideLeave, { id, expectedVersion, decision }, context);
  }
}

import { Controller, Get, Inject, Post } from '@nestjs/common';
import type { z } from 'zod';

import {
  createMeetingInputSchema,
  listMeetingsQuerySchema,
  meetingSchema,
  MembersRpc,
} from '@salesops/members-contracts';
import { type CallContext, RpcClient } from '@salesops/rpc';

import { ApiRoute, ValidBody, ValidQuery } from '../http/api-route.decorator';
import { CallCtx, IdempotencyKey } from '../http/call-context.decorator';
import { pageSchemaOf } from '../http/page';

@Controller('meetings')
export class MeetingsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post()
  @ApiRoute({
    summary: 'Record a morning, evening or weekly team meeting',
    permission: MembersRpc.recordMeeting.permission,
    tag: 'meetings',
    status: 201,
    body: createMeetingInputSchema,
    response: meetingSchema,
    idempotent: true,
  })
  record(
    @ValidBody() input: z.output<typeof createMeetingInputSchema>,
    @IdempotencyKey() idempotencyKey: string | null,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.recordMeeting, { idempotencyKey, input }, context);
  }

  @Get()
  @ApiRoute({
    summary: "List the team's meetings, newest first",
    permission: MembersRpc.listMeetings.permission,
    tag: 'meetings',
    query: listMeetingsQuerySchema,
    response: pageSchemaOf(meetingSchema),
  })
  list(
    @ValidQuery() query: z.output<typeof listMeetingsQuerySchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.listMeetings, query, context);
  }
}

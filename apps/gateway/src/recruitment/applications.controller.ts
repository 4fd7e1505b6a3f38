import { Controller, Get, Inject, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

import {
  applicationSchema,
  type ApplicationStep,
  applicationStepBodies,
  createApplicationInputSchema,
  listApplicationsQuerySchema,
  MembersRpc,
} from '@salesops/members-contracts';
import { type CallContext, RpcClient } from '@salesops/rpc';

import { ApiRoute, ValidBody, ValidParams, ValidQuery } from '../http/api-route.decorator';
import { CallCtx, IdempotencyKey, IfMatchVersion } from '../http/call-context.decorator';
import { withEtag } from '../http/etag';
import { pageSchemaOf } from '../http/page';

const idParams = z.object({ id: z.uuid() });

const stepRoute = (step: ApplicationStep, summary: string) =>
  ApiRoute({
    summary,
    permission: MembersRpc.advanceApplication.permission,
    tag: 'recruitment',
    params: idParams,
    body: applicationStepBodies[step],
    response: applicationSchema,
    versioned: true,
  });

@Controller('applications')
export class ApplicationsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post()
  @ApiRoute({
    summary: "Register a candidate's application",
    permission: MembersRpc.createApplication.permission,
    tag: 'recruitment',
    status: 201,
    body: createApplicationInputSchema,
    response: applicationSchema,
    idempotent: true,
  })
  async create(
    @ValidBody() input: z.output<typeof createApplicationInputSchema>,
    @IdempotencyKey() idempotencyKey: string | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const application = await this.rpc.call(
      MembersRpc.createApplication,
      { idempotencyKey, input },
      context,
    );
    void reply.header('location', `/api/v1/applications/${application.id}`);
    return withEtag(reply, application);
  }

  @Get()
  @ApiRoute({
    summary: 'List applications, newest first',
    permission: MembersRpc.listApplications.permission,
    tag: 'recruitment',
    query: listApplicationsQuerySchema,
    response: pageSchemaOf(applicationSchema),
  })
  list(
    @ValidQuery() query: z.output<typeof listApplicationsQuerySchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.listApplications, query, context);
  }

  @Get(':id')
  @ApiRoute({
    summary: 'Get an application',
    permission: MembersRpc.getApplication.permission,
    tag: 'recruitment',
    params: idParams,
    response: applicationSchema,
  })
  async get(
    @ValidParams() params: z.output<typeof idParams>,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const application = await this.rpc.call(MembersRpc.getApplication, params, context);
    return withEtag(reply, application);
  }

  @Post(':id/screen')
  @stepRoute('screen', 'Mark an application screened')
  screen(
    @ValidParams() params: z.output<typeof idParams>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.advance(params.id, expectedVersion, { action: 'screen' }, context, reply);
  }

  @Post(':id/schedule-interview')
  @stepRoute('schedule-interview', 'Schedule the interview: who and when')
  scheduleInterview(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() body: z.output<(typeof applicationStepBodies)['schedule-interview']>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const step = { action: 'schedule-interview' as const, ...body };
    return this.advance(params.id, expectedVersion, step, context, reply);
  }

  @Post(':id/record-interview')
  @stepRoute('record-interview', "Record the interview's score (0–100) and notes")
  recordInterview(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() body: z.output<(typeof applicationStepBodies)['record-interview']>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const step = { action: 'record-interview' as const, ...body };
    return this.advance(params.id, expectedVersion, step, context, reply);
  }

  @Post(':id/hire')
  @stepRoute('hire', 'Hire the candidate: creates the member, in probation')
  hire(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() body: z.output<(typeof applicationStepBodies)['hire']>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.advance(params.id, expectedVersion, { action: 'hire', ...body }, context, reply);
  }

  @Post(':id/reject')
  @stepRoute('reject', 'Reject an application, at any stage before hiring')
  reject(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() body: z.output<(typeof applicationStepBodies)['reject']>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.advance(params.id, expectedVersion, { action: 'reject', ...body }, context, reply);
  }

  private async advance(
    id: string,
    expectedVersion: number | null,
    step: z.input<typeof MembersRpc.advanceApplication.request>['step'],
    context: CallContext,
    reply: FastifyReply,
  ) {
    const application = await this.rpc.call(
      MembersRpc.advanceApplication,
      { id, expectedVersion, step },
      context,
    );
    return withEtag(reply, application);
  }
}

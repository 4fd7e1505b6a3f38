import { Controller, Get, Inject, Patch, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

import {
  createMemberInputSchema,
  departInputSchema,
  probationCheckpointSchema,
  placementSchema,
  probationReviewInputSchema,
  suspendInputSchema,
  transferInputSchema,
  listMembersQuerySchema,
  memberSchema,
  MembersRpc,
  updateMemberInputSchema,
} from '@salesops/members-contracts';
import { type CallContext, RpcClient } from '@salesops/rpc';

import { ApiRoute, ValidBody, ValidParams, ValidQuery } from '../http/api-route.decorator';
import { CallCtx, IdempotencyKey, IfMatchVersion } from '../http/call-context.decorator';
import { withEtag } from '../http/etag';
import { pageSchemaOf } from '../http/page';

const idParams = z.object({ id: z.uuid() });

@Controller('members')
export class MembersController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post()
  @ApiRoute({
    summary: 'Add a member to a team (starts in probation)',
    permission: MembersRpc.createMember.permission,
    tag: 'members',
    status: 201,
    body: createMemberInputSchema,
    response: memberSchema,
    idempotent: true,
  })
  async create(
    @ValidBody() input: z.output<typeof createMemberInputSchema>,
    @IdempotencyKey() idempotencyKey: string | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const member = await this.rpc.call(MembersRpc.createMember, { idempotencyKey, input }, context);
    void reply.header('location', `/api/v1/members/${member.id}`);
    return withEtag(reply, member);
  }

  @Get()
  @ApiRoute({
    summary: 'List members',
    permission: MembersRpc.listMembers.permission,
    tag: 'members',
    query: listMembersQuerySchema,
    response: pageSchemaOf(memberSchema),
  })
  list(
    @ValidQuery() query: z.output<typeof listMembersQuerySchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.listMembers, query, context);
  }

  @Get(':id')
  @ApiRoute({
    summary: 'Get a member',
    permission: MembersRpc.getMember.permission,
    tag: 'members',
    params: idParams,
    response: memberSchema,
  })
  async get(
    @ValidParams() params: z.output<typeof idParams>,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const member = await this.rpc.call(MembersRpc.getMember, params, context);
    return withEtag(reply, member);
  }

  @Patch(':id')
  @ApiRoute({
    summary: "Change a member's details",
    permission: MembersRpc.updateMember.permission,
    tag: 'members',
    params: idParams,
    body: updateMemberInputSchema,
    response: memberSchema,
    versioned: true,
  })
  async update(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() patch: z.output<typeof updateMemberInputSchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const member = await this.rpc.call(
      MembersRpc.updateMember,
      { id: params.id, expectedVersion, patch },
      context,
    );
    return withEtag(reply, member);
  }

  @Get(':id/probation-checkpoint')
  @ApiRoute({
    summary: 'The evidence for a probation review: onboarding certificates and probation KPIs',
    permission: MembersRpc.probationCheckpoint.permission,
    tag: 'members',
    params: idParams,
    response: probationCheckpointSchema,
  })
  checkpoint(@ValidParams() params: z.output<typeof idParams>, @CallCtx() context: CallContext) {
    return this.rpc.call(MembersRpc.probationCheckpoint, params, context);
  }

  @Post(':id/probation-review')
  @ApiRoute({
    summary: 'Confirm, extend (once) or terminate a probation',
    permission: MembersRpc.reviewProbation.permission,
    tag: 'members',
    params: idParams,
    body: probationReviewInputSchema,
    response: memberSchema,
    versioned: true,
  })
  async reviewProbation(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof probationReviewInputSchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const member = await this.rpc.call(
      MembersRpc.reviewProbation,
      { id: params.id, expectedVersion, input },
      context,
    );
    return withEtag(reply, member);
  }

  @Post(':id/transfer')
  @ApiRoute({
    summary: 'Move a member to another team or position; their history is kept',
    permission: MembersRpc.transferMember.permission,
    tag: 'members',
    params: idParams,
    body: transferInputSchema,
    response: memberSchema,
    versioned: true,
  })
  async transfer(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof transferInputSchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const member = await this.rpc.call(
      MembersRpc.transferMember,
      { id: params.id, expectedVersion, input },
      context,
    );
    return withEtag(reply, member);
  }

  @Get(':id/placements')
  @ApiRoute({
    summary: 'Which team and position the member had, when',
    permission: MembersRpc.memberPlacements.permission,
    tag: 'members',
    params: idParams,
    response: z.object({ items: z.array(placementSchema) }),
  })
  placements(@ValidParams() params: z.output<typeof idParams>, @CallCtx() context: CallContext) {
    return this.rpc.call(MembersRpc.memberPlacements, params, context);
  }

  @Post(':id/suspend')
  @ApiRoute({
    summary: 'Suspend a member (HR): their sessions end at once',
    permission: MembersRpc.suspendMember.permission,
    tag: 'members',
    params: idParams,
    body: suspendInputSchema,
    response: memberSchema,
    versioned: true,
  })
  async suspend(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof suspendInputSchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const member = await this.rpc.call(
      MembersRpc.suspendMember,
      { id: params.id, expectedVersion, input },
      context,
    );
    return withEtag(reply, member);
  }

  @Post(':id/reinstate')
  @ApiRoute({
    summary: 'Lift a suspension (HR): the member returns to where they were',
    permission: MembersRpc.reinstateMember.permission,
    tag: 'members',
    params: idParams,
    response: memberSchema,
    versioned: true,
  })
  async reinstate(
    @ValidParams() params: z.output<typeof idParams>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const member = await this.rpc.call(
      MembersRpc.reinstateMember,
      { id: params.id, expectedVersion },
      context,
    );
    return withEtag(reply, member);
  }

  @Post(':id/depart')
  @ApiRoute({
    summary:
      'Depart a member: their customers and open orders go to `handoverTo`, all or nothing; their sessions end',
    permission: MembersRpc.departMember.permission,
    tag: 'members',
    params: idParams,
    body: departInputSchema,
    response: memberSchema,
    versioned: true,
  })
  async depart(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof departInputSchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const member = await this.rpc.call(
      MembersRpc.departMember,
      { id: params.id, expectedVersion, input },
      context,
    );
    return withEtag(reply, member);
  }
}

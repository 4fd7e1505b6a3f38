import { Controller, Get, Inject, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

import {
  applyForPromotionInputSchema,
  assessPromotionInputSchema,
  finalizePromotionInputSchema,
  listPromotionsQuerySchema,
  MembersRpc,
  objectionInputSchema,
  promotionSchema,
} from '@salesops/members-contracts';
import { type CallContext, RpcClient } from '@salesops/rpc';

import { ApiRoute, ValidBody, ValidParams, ValidQuery } from '../http/api-route.decorator';
import { CallCtx, IdempotencyKey, IfMatchVersion } from '../http/call-context.decorator';
import { withEtag } from '../http/etag';
import { pageSchemaOf } from '../http/page';

const idParams = z.object({ id: z.uuid() });

/** Promotions: application, assessment, decision, public notice and objections. */
@Controller('promotions')
export class PromotionsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post()
  @ApiRoute({
    summary: 'Apply for the next level (the member, or their leader for them)',
    permission: MembersRpc.applyForPromotion.permission,
    tag: 'promotions',
    status: 201,
    body: applyForPromotionInputSchema,
    response: promotionSchema,
    idempotent: true,
  })
  async apply(
    @ValidBody() input: z.output<typeof applyForPromotionInputSchema>,
    @IdempotencyKey() idempotencyKey: string | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const promotion = await this.rpc.call(
      MembersRpc.applyForPromotion,
      { idempotencyKey, input },
      context,
    );
    void reply.header('location', `/api/v1/promotions/${promotion.id}`);
    return withEtag(reply, promotion);
  }

  @Get()
  @ApiRoute({
    summary: 'List promotions, newest first',
    permission: MembersRpc.listPromotions.permission,
    tag: 'promotions',
    query: listPromotionsQuerySchema,
    response: pageSchemaOf(promotionSchema),
  })
  list(
    @ValidQuery() query: z.output<typeof listPromotionsQuerySchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.listPromotions, query, context);
  }

  @Get(':id')
  @ApiRoute({
    summary: 'Get a promotion with its evidence pack and objections',
    permission: MembersRpc.getPromotion.permission,
    tag: 'promotions',
    params: idParams,
    response: promotionSchema,
  })
  async get(
    @ValidParams() params: z.output<typeof idParams>,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.rpc.call(MembersRpc.getPromotion, params, context));
  }

  @Post(':id/assess')
  @ApiRoute({
    summary: "The applicant's leader scores performance, teamwork and growth and recommends",
    permission: MembersRpc.assessPromotion.permission,
    tag: 'promotions',
    params: idParams,
    body: assessPromotionInputSchema,
    response: promotionSchema,
    versioned: true,
  })
  async assess(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof assessPromotionInputSchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const promotion = await this.rpc.call(
      MembersRpc.assessPromotion,
      { id: params.id, expectedVersion, input },
      context,
    );
    return withEtag(reply, promotion);
  }

  @Post(':id/approve')
  @ApiRoute({
    summary: 'Approve (a manager or above, not the applicant): the public notice starts',
    permission: MembersRpc.decidePromotion.permission,
    tag: 'promotions',
    params: idParams,
    response: promotionSchema,
    versioned: true,
  })
  approve(
    @ValidParams() params: z.output<typeof idParams>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.decide(params.id, expectedVersion, 'approve', context, reply);
  }

  @Post(':id/reject')
  @ApiRoute({
    summary: 'Reject an assessed promotion (a manager or above, not the applicant)',
    permission: MembersRpc.decidePromotion.permission,
    tag: 'promotions',
    params: idParams,
    response: promotionSchema,
    versioned: true,
  })
  reject(
    @ValidParams() params: z.output<typeof idParams>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.decide(params.id, expectedVersion, 'reject', context, reply);
  }

  @Post(':id/objections')
  @ApiRoute({
    summary: 'Object to a promotion on public notice (any member of the team)',
    permission: MembersRpc.objectToPromotion.permission,
    tag: 'promotions',
    params: idParams,
    body: objectionInputSchema,
    response: promotionSchema,
  })
  object(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof objectionInputSchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.objectToPromotion, { id: params.id, input }, context);
  }

  @Post(':id/finalize')
  @ApiRoute({
    summary:
      'Rule on an objection (HR or a director): upheld rejects the promotion; dismissed lets the notice run out',
    permission: MembersRpc.finalizePromotion.permission,
    tag: 'promotions',
    params: idParams,
    body: finalizePromotionInputSchema,
    response: promotionSchema,
    versioned: true,
  })
  async finalize(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() input: z.output<typeof finalizePromotionInputSchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const promotion = await this.rpc.call(
      MembersRpc.finalizePromotion,
      { id: params.id, expectedVersion, input },
      context,
    );
    return withEtag(reply, promotion);
  }

  private async decide(
    id: string,
    expectedVersion: number | null,
    decision: 'approve' | 'reject',
    context: CallContext,
    reply: FastifyReply,
  ) {
    const promotion = await this.rpc.call(
      MembersRpc.decidePromotion,
      { id, expectedVersion, decision },
      context,
    );
    return withEtag(reply, promotion);
  }
}

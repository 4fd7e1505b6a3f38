import { z } from 'zod';

import { defineRpc } from '@salesops/contract-kit';

import {
  applyForPromotionInputSchema,
  assessPromotionInputSchema,
  finalizePromotionInputSchema,
  listPromotionsQuerySchema,
  objectionInputSchema,
  promotionSchema,
} from './promotion.schemas';
import { byId, expectedVersion, idempotencyKey, pageOf } from './rpc-fields';

/** Promotion applications. */
export const PromotionRpc = {
  applyForPromotion: defineRpc({
    subject: 'members.promotion.apply.v1',
    permission: 'members:read',
    request: z.object({ idempotencyKey, input: applyForPromotionInputSchema }).strict(),
    reply: promotionSchema,
    // The evidence pack asks training for certificates and performance for KPIs, for the caller.
    onward: ['training', 'performance'],
  }),
  getPromotion: defineRpc({
    subject: 'members.promotion.get.v1',
    permission: 'members:read',
    request: byId,
    reply: promotionSchema,
  }),
  listPromotions: defineRpc({
    subject: 'members.promotion.list.v1',
    permission: 'members:read',
    request: listPromotionsQuerySchema,
    reply: pageOf(promotionSchema),
  }),
  assessPromotion: defineRpc({
    subject: 'members.promotion.assess.v1',
    permission: 'promotions:assess',
    request: z
      .object({ id: z.uuid(), expectedVersion, input: assessPromotionInputSchema })
      .strict(),
    reply: promotionSchema,
  }),
  /** Approval starts the public notice; rejection ends the application. */
  decidePromotion: defineRpc({
    subject: 'members.promotion.decide.v1',
    permission: 'promotions:decide',
    request: z
      .object({
        id: z.uuid(),
        expectedVersion,
        decision: z.enum(['approve', 'reject']),
        reason: z.string().trim().min(1).max(2000).nullable().default(null),
      })
      .strict(),
    reply: promotionSchema,
  }),
  objectToPromotion: defineRpc({
    subject: 'members.promotion.object.v1',
    permission: 'members:read',
    request: z.object({ id: z.uuid(), input: objectionInputSchema }).strict(),
    reply: promotionSchema,
  }),
  finalizePromotion: defineRpc({
    subject: 'members.promotion.finalize.v1',
    permission: 'promotions:finalize',
    request: z
      .object({ id: z.uuid(), expectedVersion, input: finalizePromotionInputSchema })
      .strict(),
    reply: promotionSchema,
  }),
} as const;

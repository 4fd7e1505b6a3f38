import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { evidenceKpiSchema } from './member-lifecycle.schemas';
import { levelSchema, trackSchema } from './organisation';

export const promotionStatusSchema = z.enum([
  'submitted',
  'assessed',
  'rejected',
  'in_notice',
  'effective',
]);
export type PromotionStatus = z.infer<typeof promotionStatusSchema>;

const score = z.number().int().min(0).max(100);

export const objectionSchema = z.object({
  id: z.uuid(),
  // Personnel: who objected is for HR, the director and the member promoted.
  filedBy: z.string().optional(),
  reason: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
});

export const promotionSchema = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  teamId: z.uuid(),
  track: trackSchema,
  fromLevel: levelSchema,
  toLevel: levelSchema,
  status: promotionStatusSchema,
  appliedBy: z.string(),
  reason: z.string(),
  // Personnel fields: absent for a viewer the policy does not show them to.
  assessment: z
    .object({
      performance: score,
      teamwork: score,
      growth: score,
      recommend: z.boolean(),
      by: z.string(),
    })
    .nullable()
    .optional(),
  evidence: z
    .object({
      since: z.iso.datetime(),
      commendations: z.array(z.object({ type: z.string(), at: z.iso.datetime() })),
      sanctions: z.array(z.object({ type: z.string(), at: z.iso.datetime() })),
      /** Certificates issued since `since`; absent when training could not be asked. */
      certificates: z
        .array(
          z.object({ number: z.string(), courseTitle: z.string(), issuedAt: z.iso.datetime() }),
        )
        .optional(),
      /** The member's KPIs over the same months, from performance, or why there are none. */
      kpis: z
        .object({
          status: z.enum(['available', 'no_data', 'unavailable']),
          kpis: z.array(evidenceKpiSchema).optional(),
        })
        .optional(),
    })
    .optional(),
  /** Who approved or rejected it, when, and why if they said. */
  decision: z
    .object({ by: z.string(), at: z.iso.datetime(), reason: z.string().nullable() })
    .nullable(),
  noticeEndsAt: z.iso.datetime().nullable(),
  effectiveAt: z.iso.datetime().nullable(),
  objections: z.array(objectionSchema),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Promotion = z.infer<typeof promotionSchema>;

export const applyForPromotionInputSchema = z
  .object({
    memberId: z.uuid(),
    /** The next level on the member's ladder; a level cannot be skipped. */
    toLevel: levelSchema,
    reason: z.string().trim().min(1).max(4000),
  })
  .strict();

export const assessPromotionInputSchema = z
  .object({ performance: score, teamwork: score, growth: score, recommend: z.boolean() })
  .strict();

export const objectionInputSchema = z
  .object({ reason: z.string().trim().min(1).max(4000) })
  .strict();

/** HR or a director rules on the objections filed during the notice. */
export const finalizePromotionInputSchema = z
  .object({ objectionId: z.uuid(), upheld: z.boolean() })
  .strict();

export const listPromotionsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    memberId: z.uuid().optional(),
    status: promotionStatusSchema.optional(),
  })
  .strict();

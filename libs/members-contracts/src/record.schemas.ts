import { z } from 'zod';

import { moneySchema, toMinor } from '@salesops/contract-kit';

export const COMMENDATION_TYPES = [
  'sales_champion',
  'progress_award',
  'team_collaboration',
  'innovation',
  'honor',
] as const;
export const SANCTION_TYPES = ['warning', 'fine', 'demotion', 'dismissal'] as const;

export const recordStatusSchema = z.enum(['issued', 'pending_approval', 'rejected']);

/** An amount of a fine, a bonus or a threshold: exact money, at most 999,999,999.99. */
export const memberAmountSchema = moneySchema.refine(
  (amount) => toMinor(amount) < 100_000_000_000n,
  'at most 999999999.99',
);

/** A commendation or a sanction in a member's file. */
export const memberRecordSchema = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  teamId: z.uuid(),
  category: z.enum(['commendation', 'sanction']),
  kind: z.enum([...COMMENDATION_TYPES, ...SANCTION_TYPES]),
  // Personnel fields: absent for a viewer the policy does not show them to.
  reason: z.string().optional(),
  amount: memberAmountSchema.nullable().optional(),
  status: recordStatusSchema,
  issuedBy: z.string(),
  /** Who decided a sanction that waited for approval (approved or rejected it). */
  approvedBy: z.string().nullable(),
  issuedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
});
export type MemberRecord = z.infer<typeof memberRecordSchema>;

export const commendationInputSchema = z
  .object({
    kind: z.enum(COMMENDATION_TYPES),
    reason: z.string().trim().min(1).max(2000),
    amount: memberAmountSchema.nullable().default(null),
  })
  .strict();

export const sanctionInputSchema = z
  .object({
    kind: z.enum(SANCTION_TYPES),
    reason: z.string().trim().min(1).max(2000),
    amount: memberAmountSchema.nullable().default(null),
  })
  .strict()
  .refine((input) => (input.kind === 'fine') === (input.amount !== null), {
    path: ['amount'],
    message: 'a fine names its amount, and only a fine does',
  });

export const sanctionDecisionSchema = z
  .object({
    /** For a dismissal: who takes over the member's customers and open orders. */
    handoverTo: z.uuid().optional(),
  })
  .strict();

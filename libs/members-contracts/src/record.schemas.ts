import { z } from 'zod';

export const COMMENDATION_TYPES = [
  'sales_champion',
  'progress_award',
  'team_collaboration',
  'innovation',
  'honor',
] as const;
export const SANCTION_TYPES = ['warning', 'fine', 'demotion', 'dismissal'] as const;

export const recordStatusSchema = z.enum(['issued', 'pending_approval', 'rejected']);

/** Money: a decimal string with two places, in the company currency. */
export const moneySchema = z.string().regex(/^\d{1,9}\.\d{2}$/, 'a decimal with two places');

/** A commendation or a sanction in a member's file. */
export const memberRecordSchema = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  teamId: z.uuid(),
  category: z.enum(['commendation', 'sanction']),
  kind: z.enum([...COMMENDATION_TYPES, ...SANCTION_TYPES]),
  // Personnel fields: absent for a viewer the policy does not show them to.
  reason: z.string().optional(),
  amount: moneySchema.nullable().optional(),
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
    amount: moneySchema.nullable().default(null),
  })
  .strict();

export const sanctionInputSchema = z
  .object({
    kind: z.enum(SANCTION_TYPES),
    reason: z.string().trim().min(1).max(2000),
    amount: moneySchema.nullable().default(null),
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

import { z } from 'zod';

import { probationKpiSchema } from '@salesops/performance-contracts';

import { departureKindSchema, positionSchema, suspensionKindSchema } from './organisation';

export const probationReviewInputSchema = z
  .object({
    decision: z.enum(['confirm', 'extend', 'terminate']),
    /** The new end of the probation; only for `extend`, and later than the current end. */
    probationEndsAt: z.iso.datetime().optional(),
    notes: z.string().trim().min(1).max(4000),
  })
  .strict()
  .refine((input) => (input.decision === 'extend') === (input.probationEndsAt !== undefined), {
    path: ['probationEndsAt'],
    message: 'is required to extend a probation, and only then',
  });
export type ProbationReviewInput = z.infer<typeof probationReviewInputSchema>;

const evidenceStatus = z.enum(['available', 'no_data', 'unavailable']);

/** One KPI of the evidence, as performance reports it for the probation's period. */
export const evidenceKpiSchema = probationKpiSchema;
export type EvidenceKpi = z.infer<typeof evidenceKpiSchema>;

/** The evidence a probation review is decided on; a service that has none says so. */
export const probationCheckpointSchema = z.object({
  memberId: z.uuid(),
  probationEndsAt: z.iso.datetime().nullable(),
  onboarding: z.object({
    status: evidenceStatus,
    required: z.array(z.string()).optional(),
    earned: z.array(z.string()).optional(),
  }),
  kpis: z.object({
    status: evidenceStatus,
    kpis: z.array(evidenceKpiSchema).optional(),
  }),
});
export type ProbationCheckpoint = z.infer<typeof probationCheckpointSchema>;

/** A change of team or position (a promotion changes the level, a transfer the job). */
export const transferInputSchema = z
  .object({ teamId: z.uuid(), position: positionSchema })
  .strict();

export const placementSchema = z.object({
  teamId: z.uuid(),
  position: positionSchema,
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
});

export const suspendInputSchema = z
  .object({
    reason: z.string().trim().min(1).max(1000),
    reasonKind: suspensionKindSchema.default('other'),
  })
  .strict();

export const departInputSchema = z
  .object({
    reason: z.string().trim().min(1).max(1000),
    /** A dismissal is a sanction a director approves, and a failed probation a review's outcome. */
    reasonKind: departureKindSchema.extract(['resigned', 'other']).default('other'),
    /** The member who takes over the customers and open orders of the one departing. */
    handoverTo: z.uuid(),
  })
  .strict();
export type DepartInput = z.infer<typeof departInputSchema>;

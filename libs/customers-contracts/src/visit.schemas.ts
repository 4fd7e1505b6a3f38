import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

export const visitStatusSchema = z.enum(['planned', 'completed', 'cancelled']);
export type VisitStatus = z.output<typeof visitStatusSchema>;

export const visitSummarySchema = z
  .object({
    effect: z.string().trim().min(1).max(2000),
    lessons: z.string().trim().min(1).max(2000),
  })
  .strict();

/** api.md's Visit, with the reason of a cancelled one and when it falls (fell) overdue. */
export const visitSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  memberId: z.uuid(),
  teamId: z.uuid(),
  purpose: z.string(),
  keyPoints: z.array(z.string()),
  scheduledAt: z.iso.datetime(),
  status: visitStatusSchema,
  summary: z.object({ effect: z.string(), lessons: z.string() }).nullable(),
  outcome: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** Still planned at `overdueAt` (visitOverdueDays company days after its day): flagged. */
  overdue: z.boolean(),
  overdueAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  version: z.number().int(),
});
export type Visit = z.output<typeof visitSchema>;

export const planVisitInputSchema = z
  .object({
    customerId: z.uuid(),
    purpose: z.string().trim().min(1).max(500),
    keyPoints: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
    scheduledAt: z.iso.datetime(),
  })
  .strict();

export const completeVisitInputSchema = z
  .object({ summary: visitSummarySchema, outcome: z.string().trim().min(1).max(500) })
  .strict();

export const cancelVisitInputSchema = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict();

export const listVisitsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    customerId: z.uuid().optional(),
    memberId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    status: visitStatusSchema.optional(),
    overdue: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type ListVisitsQuery = z.output<typeof listVisitsQuerySchema>;

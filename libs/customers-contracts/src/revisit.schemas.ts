import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

export const revisitStatusSchema = z.enum(['due', 'completed']);

/** A revisit of a customer: the first after a delivered order, then one every few days. */
export const revisitSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  /** The delivered order that made it due; null for the periodic ones. */
  orderId: z.uuid().nullable(),
  ownerId: z.uuid(),
  teamId: z.uuid(),
  dueAt: z.iso.datetime(),
  status: revisitStatusSchema,
  /** Due and not completed by its due time. */
  overdue: z.boolean(),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  notes: z.string().nullable(),
  completedBy: z.string().nullable(),
  completedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type Revisit = z.infer<typeof revisitSchema>;

export const completeRevisitInputSchema = z
  .object({
    satisfaction: z.number().int().min(1).max(5),
    notes: z.string().trim().min(1).max(2000).nullable().default(null),
  })
  .strict();

export const listRevisitsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    status: revisitStatusSchema.optional(),
    customerId: z.uuid().optional(),
    orderId: z.uuid().optional(),
    /** Revisits due by this time. */
    dueBy: z.iso.datetime().optional(),
  })
  .strict();

import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { customerSchema } from './customer.schemas';

/**
 * The owner of a customer in the public pool: nobody. No member has this id, so no rep's own scope
 * reaches a pooled customer, no task is anyone's and its contact fields are masked to reps.
 */
export const POOL_OWNER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Why a customer returned to the pool: no follow-up for poolIdleDays, no stage progress for
 * poolStaleDays, or released by its owner (or a leader) by hand.
 */
export const poolReasonSchema = z.enum(['idle', 'stale', 'released']);
export type PoolReason = z.output<typeof poolReasonSchema>;

/** A customer in its team's pool (contact fields masked to reps until claimed). */
export const poolEntrySchema = z.object({
  customer: customerSchema,
  pooledAt: z.iso.datetime(),
  /** Who held it when it returned to the pool. */
  fromOwnerId: z.uuid().nullable(),
  reason: poolReasonSchema.nullable(),
});
export type PoolEntry = z.output<typeof poolEntrySchema>;

export const listPoolQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    /** One team's pool; by default every pool the caller reaches (a rep: their team's). */
    teamId: z.uuid().optional(),
    contact: z.enum(['masked', 'clear']).default('masked'),
  })
  .strict();
export type ListPoolQuery = z.output<typeof listPoolQuerySchema>;

export const releaseToPoolInputSchema = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict();

export const assignFromPoolInputSchema = z.object({ ownerId: z.uuid() }).strict();

export const poolReportQuerySchema = z.object({ teamId: z.uuid() }).strict();

/** Per rep: the open customers they hold and how old those leads are, and how many went back. */
export const poolReportSchema = z.object({
  teamId: z.uuid(),
  asOf: z.iso.datetime(),
  /** Customers waiting in the team's pool, and the longest wait in whole days. */
  pooled: z.number().int().min(0),
  oldestPooledDays: z.number().int().min(0).nullable(),
  reps: z.array(
    z.object({
      memberId: z.uuid(),
      /** Open customers (lead to negotiating) the rep holds. */
      held: z.number().int().min(0),
      /** Age of those leads since registration, in whole days: average (rounded down) and oldest. */
      averageLeadAgeDays: z.number().int().min(0).nullable(),
      oldestLeadAgeDays: z.number().int().min(0).nullable(),
      /** Customers that returned to the pool from this rep by neglect (idle or stale), ever. */
      recycled: z.number().int().min(0),
    }),
  ),
});
export type PoolReport = z.output<typeof poolReportSchema>;

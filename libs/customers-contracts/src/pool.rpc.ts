import { z } from 'zod';

import { defineRpc, pageOf } from '@salesops/contract-kit';

import { customerSchema } from './customer.schemas';
import {
  assignFromPoolInputSchema,
  listPoolQuerySchema,
  poolEntrySchema,
  releaseToPoolInputSchema,
  poolReportQuerySchema,
  poolReportSchema,
} from './pool.schemas';

/** The public pool: customers returned by neglect, claimed by reps and assigned by leaders. */
export const PoolRpc = {
  listPool: defineRpc({
    subject: 'customers.pool.list.v1',
    permission: 'customers:read',
    request: listPoolQuerySchema,
    reply: pageOf(poolEntrySchema),
  }),
  claimFromPool: defineRpc({
    subject: 'customers.pool.claim.v1',
    permission: 'customers:write',
    request: z.object({ customerId: z.uuid() }).strict(),
    reply: customerSchema,
  }),
  assignFromPool: defineRpc({
    subject: 'customers.pool.assign.v1',
    permission: 'customers:assign',
    request: z.object({ customerId: z.uuid(), input: assignFromPoolInputSchema }).strict(),
    reply: customerSchema,
  }),
  releaseToPool: defineRpc({
    subject: 'customers.pool.release.v1',
    permission: 'customers:write',
    request: z.object({ customerId: z.uuid(), input: releaseToPoolInputSchema }).strict(),
    reply: poolEntrySchema,
  }),
  poolReport: defineRpc({
    subject: 'customers.pool.report.v1',
    permission: 'customers:read',
    request: poolReportQuerySchema,
    reply: poolReportSchema,
  }),
} as const;

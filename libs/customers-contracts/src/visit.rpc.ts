import { z } from 'zod';

import { defineRpc, pageOf } from '@salesops/contract-kit';

import {
  cancelVisitInputSchema,
  completeVisitInputSchema,
  listVisitsQuerySchema,
  planVisitInputSchema,
  visitSchema,
} from './visit.schemas';

const idempotencyKey = z.string().min(1).max(200).nullable();
const expectedVersion = z.number().int().min(1).nullable();

/** Visits: planned, then completed with a summary or cancelled with a reason. */
export const VisitRpc = {
  planVisit: defineRpc({
    subject: 'customers.visit.plan.v1',
    permission: 'customers:write',
    request: z.object({ idempotencyKey, input: planVisitInputSchema }).strict(),
    reply: visitSchema,
  }),
  listVisits: defineRpc({
    subject: 'customers.visit.list.v1',
    permission: 'customers:read',
    request: listVisitsQuerySchema,
    reply: pageOf(visitSchema),
  }),
  /** One visit, in the list's reach (404 `VISIT_NOT_FOUND` out of it). */
  getVisit: defineRpc({
    subject: 'customers.visit.get.v1',
    permission: 'customers:read',
    request: z.object({ id: z.uuid() }).strict(),
    reply: visitSchema,
  }),
  completeVisit: defineRpc({
    subject: 'customers.visit.complete.v1',
    permission: 'customers:write',
    request: z.object({ id: z.uuid(), expectedVersion, input: completeVisitInputSchema }).strict(),
    reply: visitSchema,
  }),
  cancelVisit: defineRpc({
    subject: 'customers.visit.cancel.v1',
    permission: 'customers:write',
    request: z.object({ id: z.uuid(), expectedVersion, input: cancelVisitInputSchema }).strict(),
    reply: visitSchema,
  }),
} as const;

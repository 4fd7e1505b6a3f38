import { z } from 'zod';

import { defineRpc, pageOf } from '@salesops/contract-kit';

import {
  completeRevisitInputSchema,
  listRevisitsQuerySchema,
  revisitSchema,
} from './revisit.schemas';

/** Revisits after delivery and periodically after that. */
export const RevisitRpc = {
  listRevisits: defineRpc({
    subject: 'customers.revisit.list.v1',
    permission: 'customers:read',
    request: listRevisitsQuerySchema,
    reply: pageOf(revisitSchema),
  }),
  completeRevisit: defineRpc({
    subject: 'customers.revisit.complete.v1',
    permission: 'customers:write',
    request: z.object({ id: z.uuid(), input: completeRevisitInputSchema }).strict(),
    reply: revisitSchema,
  }),
} as const;

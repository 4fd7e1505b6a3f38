import { z } from 'zod';

import { defineRpc } from '@salesops/contract-kit';

import {
  commendationInputSchema,
  memberRecordSchema,
  sanctionDecisionSchema,
  sanctionInputSchema,
} from './record.schemas';
import { byId, expectedVersion } from './rpc-fields';

/** Commendations and sanctions. */
export const RecordRpc = {
  issueCommendation: defineRpc({
    subject: 'members.commendation.issue.v1',
    permission: 'records:write',
    request: z.object({ memberId: z.uuid(), input: commendationInputSchema }).strict(),
    reply: memberRecordSchema,
  }),
  /** A warning takes effect at once; a fine or demotion waits for a manager, a dismissal for a director. */
  issueSanction: defineRpc({
    subject: 'members.sanction.issue.v1',
    permission: 'records:write',
    request: z.object({ memberId: z.uuid(), input: sanctionInputSchema }).strict(),
    reply: memberRecordSchema,
  }),
  decideSanction: defineRpc({
    subject: 'members.sanction.decide.v1',
    permission: 'sanctions:approve',
    request: z
      .object({
        id: z.uuid(),
        expectedVersion,
        decision: z.enum(['approve', 'reject']),
        input: sanctionDecisionSchema,
      })
      .strict(),
    reply: memberRecordSchema,
    timeoutMs: 15_000,
    onward: ['customers', 'orders'],
  }),
  listRecords: defineRpc({
    subject: 'members.record.list.v1',
    permission: 'members:read',
    request: byId,
    reply: z.object({ items: z.array(memberRecordSchema) }),
  }),
} as const;

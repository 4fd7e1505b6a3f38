import { z } from 'zod';

import { defineRpc } from '@salesops/contract-kit';

import {
  departInputSchema,
  placementSchema,
  probationCheckpointSchema,
  probationReviewInputSchema,
  suspendInputSchema,
  transferInputSchema,
} from './member-lifecycle.schemas';
import { memberSchema } from './member.schemas';
import { byId, expectedVersion, idempotencyKey } from './rpc-fields';

/** A member's career: placements, probation, suspension, departure. */
export const MemberLifecycleRpc = {
  transferMember: defineRpc({
    subject: 'members.member.transfer.v1',
    permission: 'members:write',
    request: z.object({ id: z.uuid(), expectedVersion, input: transferInputSchema }).strict(),
    reply: memberSchema,
  }),
  memberPlacements: defineRpc({
    subject: 'members.member.placements.v1',
    permission: 'members:read',
    request: byId,
    reply: z.object({ items: z.array(placementSchema) }),
  }),
  probationCheckpoint: defineRpc({
    subject: 'members.probation.checkpoint.v1',
    permission: 'members:review',
    request: byId,
    reply: probationCheckpointSchema,
    onward: ['training', 'performance'],
  }),
  reviewProbation: defineRpc({
    subject: 'members.probation.review.v1',
    permission: 'members:review',
    request: z
      .object({ id: z.uuid(), expectedVersion, input: probationReviewInputSchema })
      .strict(),
    reply: memberSchema,
    onward: ['training', 'performance'],
  }),
  suspendMember: defineRpc({
    subject: 'members.member.suspend.v1',
    permission: 'members:suspend',
    request: z.object({ id: z.uuid(), expectedVersion, input: suspendInputSchema }).strict(),
    reply: memberSchema,
  }),
  reinstateMember: defineRpc({
    subject: 'members.member.reinstate.v1',
    permission: 'members:suspend',
    request: z.object({ id: z.uuid(), expectedVersion }).strict(),
    reply: memberSchema,
  }),
  /**
   * Hands over what the member owns in customers and orders, then departs them, within the
   * caller's deadline or not at all; once per `idempotencyKey`, so a retry starts no second saga.
   */
  departMember: defineRpc({
    subject: 'members.member.depart.v1',
    permission: 'members:depart',
    request: z
      .object({
        id: z.uuid(),
        expectedVersion,
        input: departInputSchema,
        idempotencyKey: idempotencyKey.default(null),
      })
      .strict(),
    reply: memberSchema,
    timeoutMs: 15_000,
    onward: ['customers', 'orders'],
  }),
} as const;

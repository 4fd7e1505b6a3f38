import { z } from 'zod';

import { defineRpc } from '@salesops/contract-kit';

/**
 * What a departing member still owns in a service, and handing it to another member as one step
 * that can be undone: the members service hands over in every owning service, and reverts the
 * ones it reached when a later step fails, so a departure completes everywhere or nowhere. The
 * members service drives it, so it is declared here; each owning service's contracts name theirs.
 */
export function handoverContractsOf(service: string, entity: string) {
  return {
    holdings: defineRpc({
      subject: `${service}.${entity}.holdings.v1`,
      permission: 'members:depart',
      request: z.object({ memberId: z.uuid() }).strict(),
      reply: z.object({ open: z.number().int().min(0) }),
    }),
    /** Idempotent by `handoverId`. */
    handOver: defineRpc({
      subject: `${service}.${entity}.hand-over.v1`,
      permission: 'members:depart',
      request: z
        .object({ handoverId: z.uuid(), fromMemberId: z.uuid(), toMemberId: z.uuid() })
        .strict(),
      reply: z.object({ moved: z.number().int().min(0) }),
    }),
    /** Idempotent; undoing a handover that never happened changes nothing. */
    revertHandover: defineRpc({
      subject: `${service}.${entity}.revert-handover.v1`,
      permission: 'members:depart',
      // The members service's sweep undoes a departure cut short, with no caller waiting.
      background: ['members'],
      request: z.object({ handoverId: z.uuid() }).strict(),
      reply: z.object({ reverted: z.number().int().min(0) }),
    }),
  };
}

import { z } from 'zod';

import { defineRpc, pingContractOf, tasksContractOf } from '@salesops/contract-kit';

/** A member's KPIs over their probation against the team's floor, or that there are none yet. */
export const probationKpisSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('available'),
    kpis: z.array(z.object({ name: z.string(), value: z.number(), floor: z.number() })),
  }),
  z.object({ status: z.literal('no_data') }),
]);
export type ProbationKpis = z.infer<typeof probationKpisSchema>;

/** The performance service's request/reply subjects. */
export const PerformanceRpc = {
  ping: pingContractOf('performance'),
  /** What waits in performance for the caller (none yet: the performance features add theirs). */
  tasks: tasksContractOf('performance'),
  probationKpis: defineRpc({
    subject: 'performance.probation.kpis.v1',
    permission: 'performance:read',
    request: z
      .object({ memberId: z.uuid(), from: z.iso.datetime(), to: z.iso.datetime() })
      .strict(),
    reply: probationKpisSchema,
    timeoutMs: 2000,
  }),
} as const;

import { z } from 'zod';

import { defineRpc, pingContractOf, tasksContractOf } from '@salesops/contract-kit';

/** What a probation review is shown of a member's onboarding, or that training has no data yet. */
export const onboardingCheckpointSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('available'),
    required: z.array(z.string()),
    earned: z.array(z.string()),
  }),
  z.object({ status: z.literal('no_data') }),
]);
export type OnboardingCheckpoint = z.infer<typeof onboardingCheckpointSchema>;

/** The training service's request/reply subjects. */
export const TrainingRpc = {
  ping: pingContractOf('training'),
  /** What waits in training for the caller (none yet: the training features add theirs). */
  tasks: tasksContractOf('training'),
  onboardingCheckpoint: defineRpc({
    subject: 'training.onboarding.checkpoint.v1',
    permission: 'members:read',
    request: z.object({ memberId: z.uuid() }).strict(),
    reply: onboardingCheckpointSchema,
    timeoutMs: 2000,
  }),
} as const;

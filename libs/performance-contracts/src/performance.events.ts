import { z } from 'zod';

import { defineEvent } from '@salesops/events';

/** Events the performance service publishes. */
export const PerformanceEvents = {
  /** A member's scorecard of a month moved (at most one a second per member and month). */
  scorecardUpdated: defineEvent({
    type: 'performance.scorecard.updated',
    version: 1,
    data: z.object({
      memberId: z.uuid(),
      teamId: z.uuid().nullable(),
      period: z.string(),
      salesAmount: z.string(),
      score: z.number().nullable(),
      at: z.iso.datetime(),
    }),
  }),
  /**
   * Month-to-date sales more than 20 % below the target pro-rated by the days gone, judged after
   * the 10th, the 20th and the month's last day, once each.
   */
  memberBelowTarget: defineEvent({
    type: 'performance.member.below_target',
    version: 1,
    data: z.object({
      memberId: z.uuid(),
      teamId: z.uuid().nullable(),
      period: z.string(),
      checkpoint: z.enum(['10', '20', 'last']),
      salesAmount: z.string(),
      target: z.string(),
      expected: z.string(),
    }),
  }),
  /** A live ranking as it stood when a leader published it: names and values only. */
  rankingPublished: defineEvent({
    type: 'performance.ranking.published',
    version: 1,
    data: z.object({
      period: z.string(),
      metric: z.string(),
      scope: z.string(),
      teamId: z.uuid().nullable(),
      entries: z.array(
        z.object({
          rank: z.number().int(),
          memberId: z.string().optional(),
          teamId: z.string().optional(),
          name: z.string().nullable(),
          value: z.union([z.number(), z.string(), z.null()]),
        }),
      ),
      publishedBy: z.string(),
      publishedAt: z.iso.datetime(),
    }),
  }),
} as const;

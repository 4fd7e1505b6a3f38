import { z } from 'zod';

import { defineRpc, pingContractOf, tasksContractOf } from '@salesops/contract-kit';

import {
  kpiSchemeSchema,
  putKpiSchemeRequestSchema,
  putTargetRequestSchema,
  rankingQuerySchema,
  rankingSchema,
  scorecardListSchema,
  scorecardRequestSchema,
  scorecardSchema,
  scorecardsQuerySchema,
  scorecardSourcesRequestSchema,
  scorecardSourcesSchema,
  targetListSchema,
  targetPageSchema,
  targetsQuerySchema,
} from './kpi.schemas';

/** The KPIs a probation (or a promotion's evidence) counts, besides sales. */
export const PROBATION_COUNT_KPIS = [
  'ordersCompleted',
  'newCustomers',
  'conversionRate',
  'satisfaction',
  'trainingParticipation',
  'certificates',
] as const;

/** One probation KPI: sales is money, a decimal string (api.md), the others numbers. */
export const probationKpiSchema = z.discriminatedUnion('name', [
  z.object({
    name: z.literal('salesAmount'),
    value: z.string(),
    floor: z.string(),
    /** The value is below the floor (only floors the team set count). */
    belowFloor: z.boolean().optional(),
  }),
  z.object({
    name: z.enum(PROBATION_COUNT_KPIS),
    value: z.number(),
    floor: z.number(),
    belowFloor: z.boolean().optional(),
  }),
]);
export type ProbationKpi = z.infer<typeof probationKpiSchema>;

/** A member's KPIs over their probation against the team's floor, or that there are none yet. */
export const probationKpisSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('available'),
    kpis: z.array(probationKpiSchema),
    /** The facts the values come from, as on a scorecard: `from`–`to` of the request. */
    from: z.string().optional(),
    to: z.string().optional(),
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
  getScheme: defineRpc({
    subject: 'performance.kpi-scheme.get.v1',
    permission: 'performance:read',
    request: z.object({ position: z.string().min(1).max(40) }).strict(),
    reply: kpiSchemeSchema,
  }),
  putScheme: defineRpc({
    subject: 'performance.kpi-scheme.put.v1',
    permission: 'performance:schemes',
    request: putKpiSchemeRequestSchema,
    reply: kpiSchemeSchema,
  }),
  listTargets: defineRpc({
    subject: 'performance.target.list.v1',
    permission: 'performance:read',
    request: targetsQuerySchema,
    reply: targetPageSchema,
  }),
  putTarget: defineRpc({
    subject: 'performance.target.put.v1',
    permission: 'performance:targets',
    request: putTargetRequestSchema,
    reply: targetListSchema,
  }),
  scorecard: defineRpc({
    subject: 'performance.scorecard.get.v1',
    permission: 'performance:read',
    request: scorecardRequestSchema,
    reply: scorecardSchema,
  }),
  scorecards: defineRpc({
    subject: 'performance.scorecard.list.v1',
    permission: 'performance:read',
    request: scorecardsQuerySchema,
    reply: scorecardListSchema,
  }),
  scorecardSources: defineRpc({
    subject: 'performance.scorecard.sources.v1',
    permission: 'performance:read',
    request: scorecardSourcesRequestSchema,
    reply: scorecardSourcesSchema,
  }),
  ranking: defineRpc({
    subject: 'performance.ranking.get.v1',
    permission: 'performance:read',
    request: rankingQuerySchema,
    reply: rankingSchema,
  }),
  /** A leader publishes the live ranking as it stands (`performance.ranking.published`). */
  publishRanking: defineRpc({
    subject: 'performance.ranking.publish.v1',
    permission: 'performance:targets',
    request: rankingQuerySchema,
    reply: rankingSchema,
  }),
} as const;

import { z } from 'zod';

import { moneySchema, pageQuerySchema } from '@salesops/contract-kit';

/** Every KPI of a scorecard (domain.md §5), in the order a scorecard lists them. */
export const KPI_KEYS = [
  'salesAmount',
  'profit',
  'growthRate',
  'newCustomers',
  'conversionRate',
  'ordersCompleted',
  'satisfaction',
  'complaintTimeliness',
  'complaintResolution',
  'trainingParticipation',
  'certificates',
  'teamwork',
  'attitude',
] as const;
export const kpiKeySchema = z.enum(KPI_KEYS);
export type KpiKey = z.output<typeof kpiKeySchema>;

/** KPIs a scheme may weight: all but profit, which would leak through the score. */
export const WEIGHTED_KPI_KEYS = KPI_KEYS.filter((key) => key !== 'profit');
export const weightedKpiKeySchema = z.enum(WEIGHTED_KPI_KEYS as [string, ...string[]]);

/** A company-calendar month (`2026-11`) or year (`2026`). */
export const periodSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'a month (2026-11) or a year (2026)');
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, e.g. 2026-11');

const weightsSchema = z
  .partialRecord(weightedKpiKeySchema, z.number().int().min(0).max(100))
  .refine(
    (weights) =>
      Object.values(weights).reduce<number>((sum, weight) => sum + (weight ?? 0), 0) === 100,
    'the weights sum to 100',
  );

export const kpiSchemeSchema = z.object({
  position: z.string(),
  weights: z.record(z.string(), z.number()),
  /** True while the position has no scheme of its own and the default applies. */
  isDefault: z.boolean(),
  version: z.number().int(),
});
export type KpiScheme = z.output<typeof kpiSchemeSchema>;

export const putKpiSchemeRequestSchema = z
  .object({
    position: z.string().min(1).max(40),
    input: z.object({ weights: weightsSchema }).strict(),
  })
  .strict();

/** A KPI as a scorecard shows it: a number, money as a decimal string, or `pending`. */
export const kpiValueSchema = z.union([z.number(), z.string(), z.null()]);

export const scorecardKpiSchema = z.object({
  key: kpiKeySchema,
  /** Money as a decimal string, rates in percent, `null` with no data, `pending` until appraisals. */
  value: kpiValueSchema,
  target: kpiValueSchema,
  weight: z.number(),
  /** The weight after the excluded KPIs' share was spread over the others. */
  effectiveWeight: z.number(),
  points: z.number().nullable(),
  /** Why a weighted KPI did not count: `pending`, `no_data`, `no_target`. */
  excluded: z.string().nullable(),
});

export const scorecardSchema = z.object({
  memberId: z.string(),
  name: z.string().nullable(),
  teamId: z.string().nullable(),
  position: z.string().nullable(),
  period: z.string(),
  /** Every KPI by name; `profit` only where the policy shows financial fields. */
  kpis: z.record(z.string(), kpiValueSchema),
  lines: z.array(scorecardKpiSchema),
  target: z
    .object({
      salesAmount: z.string().nullable(),
      newCustomers: z.number().nullable(),
      ordersCompleted: z.number().nullable(),
    })
    .nullable(),
  score: z.number().nullable(),
  /** Some weighted KPI is pending or without data: the score rests on the others. */
  partial: z.boolean(),
});
export type Scorecard = z.output<typeof scorecardSchema>;

export const scorecardRequestSchema = z
  .object({ memberId: z.uuid(), period: periodSchema })
  .strict();
/** A list (api.md): `limit` (20, up to 100) and `cursor`, members by name. */
export const scorecardsQuerySchema = pageQuerySchema
  .extend({ period: periodSchema, teamId: z.uuid().optional() })
  .strict();
export const scorecardListSchema = z.object({
  period: z.string(),
  items: z.array(scorecardSchema),
  nextCursor: z.string().nullable(),
});

export const scorecardSourcesRequestSchema = z
  .object({ memberId: z.uuid(), period: periodSchema, kpi: kpiKeySchema })
  .strict();

/** One fact behind a KPI and the entity it came from (an order, a customer, a complaint…). */
export const kpiFactSchema = z.object({
  eventId: z.string(),
  eventType: z.string(),
  metric: z.string(),
  period: z.string(),
  teamId: z.string().nullable(),
  position: z.string().nullable(),
  /** Money as a decimal string; otherwise a count, a rating or 1/0 for in time or not. */
  value: z.union([z.string(), z.number()]),
  sourceType: z.string(),
  sourceId: z.string(),
  /** The source's human reference where it has one: the order number. */
  sourceRef: z.string().nullable(),
  occurredAt: z.string(),
});
export const scorecardSourcesSchema = z.object({
  memberId: z.string(),
  period: z.string(),
  kpi: kpiKeySchema,
  value: kpiValueSchema,
  items: z.array(kpiFactSchema),
});

export const targetSchema = z.object({
  id: z.string(),
  period: z.string(),
  memberId: z.string().nullable(),
  teamId: z.string().nullable(),
  salesAmount: z.string(),
  newCustomers: z.number().nullable(),
  ordersCompleted: z.number().nullable(),
});
export type Target = z.output<typeof targetSchema>;

/** A list (api.md): `limit` (20, up to 100) and `cursor`. */
export const targetsQuerySchema = pageQuerySchema
  .extend({ period: monthSchema, teamId: z.uuid().optional(), memberId: z.uuid().optional() })
  .strict();
export const targetPageSchema = z.object({
  items: z.array(targetSchema),
  nextCursor: z.string().nullable(),
});
/** What setting a target changed: the target, or a team's and its members' after a split. */
export const targetListSchema = z.object({ items: z.array(targetSchema) });

export const putTargetInputSchema = z
  .object({
    period: monthSchema,
    memberId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    salesAmount: moneySchema,
    newCustomers: z.number().int().min(0).optional(),
    ordersCompleted: z.number().int().min(0).optional(),
    /** A team target only: also set its members' targets, evenly or by weights summing to 100. */
    split: z
      .object({
        mode: z.enum(['even', 'weights']),
        weights: z.record(z.uuid(), z.number().int().min(0).max(100)).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export const putTargetRequestSchema = z.object({ input: putTargetInputSchema }).strict();

export const RANKING_METRICS = [
  ...KPI_KEYS.filter((key) => key !== 'teamwork' && key !== 'attitude'),
  'score',
  'teamSalesVsTarget',
] as const;
export const rankingQuerySchema = z
  .object({
    period: periodSchema,
    metric: z.enum(RANKING_METRICS),
    scope: z.enum(['team', 'department', 'company']).default('company'),
    teamId: z.uuid().optional(),
  })
  .strict();
export const rankingSchema = z.object({
  period: z.string(),
  metric: z.string(),
  scope: z.string(),
  teamId: z.string().nullable(),
  /** Names and values only; ties share a rank. A team entry's value is its sales in % of target. */
  entries: z.array(
    z.object({
      rank: z.number().int(),
      memberId: z.string().optional(),
      teamId: z.string().optional(),
      name: z.string().nullable(),
      value: kpiValueSchema,
    }),
  ),
  /** When the month's end froze this ranking; null for a live one. */
  frozenAt: z.iso.datetime().nullable().optional(),
});
export type Ranking = z.output<typeof rankingSchema>;

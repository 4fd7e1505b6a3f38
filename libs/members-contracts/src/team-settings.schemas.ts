import { z } from 'zod';

import { memberAmountSchema } from './record.schemas';

const days = z.number().int().min(1).max(3650);
const hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 365);
const score = z.number().min(0).max(100);

/** A fraction as an exact decimal string ("0.05" is 5 %), between 0 and 1. */
const rateSchema = z
  .string()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'a decimal fraction between 0 and 1 such as "0.05"');

/** A share of the target as an exact decimal string ("1.2" is 120 % of the target). */
const achievementSchema = z
  .string()
  .regex(/^(0|[1-9]\d{0,2})(\.\d{1,4})?$/, 'a decimal share of the target such as "1.2"');

/** Exact comparison of two non-negative decimal strings of at most four places. */
const scaled = (decimal: string): bigint => {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0'));
};

/** Minimum final scores of the grades S, A, B and C; below C is D. */
export const gradeBandsSchema = z
  .object({ S: score, A: score, B: score, C: score })
  .strict()
  .refine(
    (bands) => bands.S > bands.A && bands.A > bands.B && bands.B > bands.C,
    'bands descend strictly: S > A > B > C',
  );
export type GradeBands = z.output<typeof gradeBandsSchema>;

/**
 * Commission: one rate of the sales amount, or tiers by how far the target is reached — the rate
 * of the highest tier whose `from` (share of the target) the member reaches applies.
 */
export const commissionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rate'), rate: rateSchema }).strict(),
  z
    .object({
      kind: z.literal('tiers'),
      tiers: z
        .array(z.object({ from: achievementSchema, rate: rateSchema }).strict())
        .min(1)
        .max(20)
        .refine(
          (tiers) =>
            tiers.every((tier, i) => i === 0 || scaled(tier.from) > scaled(tiers[i - 1]!.from)),
          'tiers ascend strictly by from',
        ),
    })
    .strict(),
]);
export type CommissionRule = z.output<typeof commissionRuleSchema>;

/** Each setting's schema: the one place a key and its range are declared. */
const settingFields = {
  probationDays: days,
  weeklyLeadQuota: z.number().int().min(0).max(10_000),
  complaintAckHours: hours,
  complaintResolveHours: hours,
  promotionNoticeDays: days,
  poolIdleDays: days,
  poolStaleDays: days,
  poolClaimCap: z.number().int().min(1).max(100_000),
  poolWarnDays: days,
  revisitAfterDeliveryDays: days,
  revisitEveryDays: days,
  visitOverdueDays: days,
  remedialCourseId: z.uuid().nullable(),
  probationMinSalesAmount: memberAmountSchema.nullable(),
  gradeBands: gradeBandsSchema,
  commissionRule: commissionRuleSchema,
};

/** The defaults of domain.md, for every key no team up the tree sets. */
export const TEAM_SETTING_DEFAULTS: TeamSettings = {
  probationDays: 30,
  weeklyLeadQuota: 5,
  complaintAckHours: 2,
  complaintResolveHours: 48,
  promotionNoticeDays: 5,
  poolIdleDays: 30,
  poolStaleDays: 90,
  poolClaimCap: 200,
  poolWarnDays: 3,
  revisitAfterDeliveryDays: 7,
  revisitEveryDays: 90,
  visitOverdueDays: 3,
  remedialCourseId: null,
  probationMinSalesAmount: null,
  gradeBands: { S: 90, A: 80, B: 70, C: 60 },
  commissionRule: { kind: 'rate', rate: '0' },
};

/** A team's effective settings: every key has a value (its own, an ancestor's or the default). */
export const teamSettingsSchema = z.object(settingFields).strict();
export type TeamSettings = z.output<typeof teamSettingsSchema>;
export type TeamSettingKey = keyof TeamSettings;

/** The values a team sets itself; a key it does not set is inherited from its parent. */
export const ownTeamSettingsSchema = teamSettingsSchema.partial();
export type OwnTeamSettings = z.output<typeof ownTeamSettingsSchema>;

export const teamSettingKeySchema = z.enum(
  Object.keys(settingFields) as [TeamSettingKey, ...TeamSettingKey[]],
);

import { toMinor, fromMinor } from '@salesops/contract-kit';
import { KPI_KEYS, type KpiKey } from '@salesops/performance-contracts';

import type { KpiValue } from './kpi-values';

export interface TargetOfPeriod {
  salesAmount: bigint | null;
  newCustomers: number | null;
  ordersCompleted: number | null;
}

export interface ScoreLine {
  key: KpiKey;
  value: KpiValue;
  target: KpiValue;
  weight: number;
  effectiveWeight: number;
  points: number | null;
  excluded: string | null;
}

export interface Score {
  lines: ScoreLine[];
  score: number | null;
  partial: boolean;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const capped = (ratio: number) => Math.max(0, Math.min(1, ratio));

/**
 * How far a KPI reached, 0 to 1, or why it cannot count. Against a target: sales amount, new
 * customers, orders completed. As a rate: conversion, complaint timeliness and resolution,
 * training participation (percent), satisfaction (of 5). Growth: full points for no decline, less
 * by the fall. Certificates: full for one or more in the period.
 */
function achievementOf(
  key: KpiKey,
  value: KpiValue,
  target: TargetOfPeriod | null,
): { ratio: number } | { excluded: string } {
  if (value === 'pending') return { excluded: 'pending' };
  switch (key) {
    case 'salesAmount': {
      const goal = target?.salesAmount ?? null;
      if (goal === null || goal <= 0n) return { excluded: 'no_target' };
      return { ratio: capped(Number(toMinor(value as string)) / Number(goal)) };
    }
    case 'newCustomers':
    case 'ordersCompleted': {
      const goal = key === 'newCustomers' ? target?.newCustomers : target?.ordersCompleted;
      if (!goal) return { excluded: 'no_target' };
      return { ratio: capped((value as number) / goal) };
    }
    case 'certificates':
      return { ratio: capped(value as number) };
    case 'growthRate':
      return value === null
        ? { excluded: 'no_data' }
        : { ratio: capped(1 + (value as number) / 100) };
    case 'satisfaction':
      return value === null ? { excluded: 'no_data' } : { ratio: capped((value as number) / 5) };
    case 'conversionRate':
    case 'complaintTimeliness':
    case 'complaintResolution':
    case 'trainingParticipation':
      return value === null ? { excluded: 'no_data' } : { ratio: capped((value as number) / 100) };
    case 'profit':
    case 'teamwork':
    case 'attitude':
      return { excluded: value === null ? 'no_data' : 'not_weighted' };
  }
}

/**
 * The scorecard: each weighted KPI earns its weight times how far it reached; a KPI that cannot
 * count (pending, no data, no target) is left out and the others' weights are scaled up to 100,
 * and the scorecard says it is partial.
 */
export function scoreOf(
  values: Record<KpiKey, KpiValue>,
  weights: Record<string, number>,
  target: TargetOfPeriod | null,
): Score {
  const reached = KPI_KEYS.map((key) => {
    const weight = weights[key] ?? 0;
    const achievement = weight > 0 ? achievementOf(key, values[key], target) : null;
    return { key, weight, achievement };
  });
  const counted = reached.reduce(
    (sum, line) => sum + (line.achievement && 'ratio' in line.achievement ? line.weight : 0),
    0,
  );
  const lines = reached.map(({ key, weight, achievement }): ScoreLine => {
    const effectiveWeight =
      achievement && 'ratio' in achievement && counted > 0 ? round2((weight * 100) / counted) : 0;
    return {
      key,
      value: values[key],
      target: targetOf(key, target),
      weight,
      effectiveWeight,
      points:
        achievement && 'ratio' in achievement && counted > 0
          ? round2(((weight * 100) / counted) * achievement.ratio)
          : null,
      excluded: achievement && 'excluded' in achievement ? achievement.excluded : null,
    };
  });
  const weighted = lines.filter((line) => line.weight > 0);
  return {
    lines,
    score: counted > 0 ? round2(lines.reduce((sum, line) => sum + (line.points ?? 0), 0)) : null,
    partial: weighted.some((line) => line.excluded !== null),
  };
}

function targetOf(key: KpiKey, target: TargetOfPeriod | null): KpiValue {
  if (!target) return null;
  if (key === 'salesAmount')
    return target.salesAmount === null ? null : fromMinor(target.salesAmount);
  if (key === 'newCustomers') return target.newCustomers;
  if (key === 'ordersCompleted') return target.ordersCompleted;
  return null;
}

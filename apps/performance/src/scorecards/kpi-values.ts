import { fromMinor } from '@salesops/contract-kit';
import { type KpiKey } from '@salesops/performance-contracts';

/** What SQL sums and averages of one member's facts over a period (and the one before it). */
export interface KpiTotals {
  memberId: string;
  sales: bigint;
  profit: bigint | null;
  previousSales: bigint;
  previousSalesFacts: number;
  leads: bigint;
  won: bigint;
  orders: bigint;
  certificates: bigint;
  /** Averages as SQL gives them (numeric text), null with no fact. */
  rating: string | null;
  ackInTime: string | null;
  resolvedInTime: string | null;
  attendance: string | null;
}

export type KpiValue = number | string | null;

export const EMPTY_TOTALS = (memberId: string): KpiTotals => ({
  memberId,
  sales: 0n,
  profit: null,
  previousSales: 0n,
  previousSalesFacts: 0,
  leads: 0n,
  won: 0n,
  orders: 0n,
  certificates: 0n,
  rating: null,
  ackInTime: null,
  resolvedInTime: null,
  attendance: null,
});

const round2 = (value: number) => Math.round(value * 100) / 100;
const percentOf = (average: string | null) =>
  average === null ? null : round2(Number(average) * 100);

/**
 * Every KPI of domain.md §5 from a member's totals: money as a decimal string, rates in percent
 * (two places), a mean rating 1–5, `pending` for what the appraisals (next issue) will give.
 */
export function kpiValuesOf(totals: KpiTotals): Record<KpiKey, KpiValue> {
  const growth =
    totals.previousSalesFacts === 0 || totals.previousSales <= 0n
      ? null
      : round2((Number(totals.sales - totals.previousSales) * 100) / Number(totals.previousSales));
  return {
    salesAmount: fromMinor(totals.sales),
    profit: totals.profit === null ? null : fromMinor(totals.profit),
    growthRate: growth,
    newCustomers: Number(totals.leads),
    conversionRate:
      totals.leads > 0n ? round2((Number(totals.won) * 100) / Number(totals.leads)) : null,
    ordersCompleted: Number(totals.orders),
    satisfaction: totals.rating === null ? null : round2(Number(totals.rating)),
    complaintTimeliness: percentOf(totals.ackInTime),
    complaintResolution: percentOf(totals.resolvedInTime),
    trainingParticipation: percentOf(totals.attendance),
    certificates: Number(totals.certificates),
    teamwork: 'pending',
    attitude: 'pending',
  };
}

/** The fact metrics a KPI is made of, for its drill-down. */
export const METRICS_OF: Record<KpiKey, string[]> = {
  salesAmount: ['sales'],
  profit: ['profit'],
  growthRate: ['sales'],
  newCustomers: ['leads'],
  conversionRate: ['leads', 'won'],
  ordersCompleted: ['orders'],
  satisfaction: ['rating'],
  complaintTimeliness: ['ack_in_time'],
  complaintResolution: ['resolved_in_time'],
  trainingParticipation: ['attendance'],
  certificates: ['certificates'],
  teamwork: [],
  attitude: [],
};

/** Money metrics: their facts are cents, shown as decimal strings. */
export const MONEY_METRICS = new Set(['sales', 'profit']);

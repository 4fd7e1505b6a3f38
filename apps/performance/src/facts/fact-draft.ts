/**
 * The facts KPIs are made of. Each value is an integer: cents for money, 1 or -1 for a count,
 * 1..5 for a rating, 1 or 0 for in time (or present) or not.
 */
export const FACT_METRICS = [
  'sales',
  'profit',
  'orders',
  'leads',
  'won',
  'rating',
  'ack_in_time',
  'resolved_in_time',
  'attendance',
  'certificates',
] as const;
export type FactMetric = (typeof FACT_METRICS)[number];

/** A fact as an event gives it; the member's team and position at `occurredAt` are added on insert. */
export interface FactDraft {
  memberId: string;
  metric: FactMetric;
  /** The company-calendar month it counts in (`YYYY-MM`). */
  period: string;
  value: bigint;
  sourceType: 'order' | 'customer' | 'complaint' | 'revisit' | 'attendance' | 'certificate';
  sourceId: string;
  sourceRef: string | null;
  occurredAt: string;
  /** The team the event names, used when the roster does not place the member at that moment. */
  eventTeamId: string | null;
}

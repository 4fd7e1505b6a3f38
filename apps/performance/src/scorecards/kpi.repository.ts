import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import { FACT_METRICS, type FactMetric } from '../facts/fact-draft';
import type { KpiTotals } from './kpi-values';

/** Which facts count: a period's (months `from`–`to`) or a span of time (`at` from–to). */
export type FactWindow =
  | { kind: 'periods'; from: string; to: string; previousFrom: string; previousTo: string }
  | { kind: 'span'; from: Date; to: Date };

export interface RosterRow {
  memberId: string;
  name: string | null;
  teamId: string | null;
  position: string | null;
  status: string | null;
}

export interface FactRow {
  eventId: string;
  eventType: string;
  metric: string;
  period: string;
  teamId: string | null;
  position: string | null;
  value: bigint;
  sourceType: string;
  sourceId: string;
  sourceRef: string | null;
  occurredAt: Date;
}

interface TotalsRow {
  memberId: string;
  sales: bigint | null;
  profit: bigint | null;
  previousSales: bigint | null;
  previousSalesFacts: bigint;
  leads: bigint | null;
  won: bigint | null;
  orders: bigint | null;
  certificates: bigint | null;
  rating: string | null;
  ackInTime: string | null;
  resolvedInTime: string | null;
  attendance: string | null;
}

/** Reads facts in aggregate, in SQL: a scorecard never loads the facts it sums. */
@Injectable()
export class KpiRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  async totals(memberIds: readonly string[], window: FactWindow): Promise<KpiTotals[]> {
    if (memberIds.length === 0) return [];
    const current =
      window.kind === 'periods'
        ? 'period BETWEEN $2 AND $3'
        : '"occurredAt" >= $2 AND "occurredAt" < $3';
    const previous = window.kind === 'periods' ? 'period BETWEEN $4 AND $5' : 'false';
    const where =
      window.kind === 'periods'
        ? 'period BETWEEN $4 AND $3'
        : '"occurredAt" >= $2 AND "occurredAt" < $3';
    const params =
      window.kind === 'periods'
        ? [window.from, window.to, window.previousFrom, window.previousTo]
        : [window.from, window.to];
    const rows = await this.prisma.$queryRawUnsafe<TotalsRow[]>(
      `SELECT "memberId"::text AS "memberId", ${aggregatesOf(current, previous)}
       FROM kpi_event_fact WHERE "memberId" = ANY($1::uuid[]) AND ${where}
       GROUP BY "memberId"`,
      memberIds,
      ...params,
    );
    return rows.map(totalsOf);
  }

  /**
   * The current members of the teams (every team with `null`), in roster order, each with their
   * totals of only the fact metrics given, in the period (and the one before with `previous`):
   * one query over those metrics' facts, selecting only their aggregates (the others are left
   * empty), for a ranking by one KPI.
   */
  async scopeTotals(
    teamIds: readonly string[] | null,
    window: Extract<FactWindow, { kind: 'periods' }>,
    metrics: readonly string[],
    previous: boolean,
  ): Promise<{ memberId: string; name: string | null; totals: KpiTotals }[]> {
    const columns = aggregateColumns('period BETWEEN $2 AND $3', 'period BETWEEN $4 AND $5').filter(
      (column) => metrics.includes(column.metric) && (previous || !column.previous),
    );
    const anyOf = FACT_METRICS.filter((metric) => metrics.includes(metric))
      .map((metric) => `"${metric}" IS NOT NULL`)
      .join(' OR ');
    const rows = await this.prisma.$queryRawUnsafe<
      ({ memberId: string; name: string | null } & Partial<TotalsRow>)[]
    >(
      `WITH scope AS (
         SELECT "memberId", name FROM roster_member
         WHERE status IS DISTINCT FROM 'departed' AND "teamId" IS NOT NULL
           AND ($1::uuid[] IS NULL OR "teamId" = ANY($1::uuid[]))),
       totals AS (
         SELECT "memberId"${columns.map((column) => `, ${column.sql} AS "${column.name}"`).join('')}
         FROM kpi_event_fact
         WHERE (${anyOf || 'false'}) AND period BETWEEN ${previous ? '$4' : '$2'} AND $3
           AND "memberId" IN (SELECT "memberId" FROM scope)
         GROUP BY "memberId")
       SELECT s."memberId"::text AS "memberId", s.name${columns
         .map((column) => `, t."${column.name}"`)
         .join('')}
       FROM scope s LEFT JOIN totals t USING ("memberId")
       ORDER BY s.name NULLS LAST, s."memberId"`,
      teamIds,
      window.from,
      window.to,
      ...(previous ? [window.previousFrom, window.previousTo] : []),
    );
    return rows.map((row) => ({
      memberId: row.memberId,
      name: row.name,
      totals: totalsOf({ ...EMPTY_TOTALS_ROW, ...definedOf(row) }),
    }));
  }

  facts(
    memberId: string,
    metrics: readonly string[],
    from: string,
    to: string,
  ): Promise<FactRow[]> {
    return this.prisma.$queryRawUnsafe<FactRow[]>(
      `SELECT "eventId"::text AS "eventId", "eventType", metric, period, "teamId"::text AS "teamId",
              position, value, "sourceType", "sourceId"::text AS "sourceId", "sourceRef",
              "occurredAt"
       FROM kpi_fact WHERE "memberId" = $1::uuid AND metric = ANY($2::text[])
         AND period BETWEEN $3 AND $4
       ORDER BY "occurredAt", "eventId", metric`,
      memberId,
      metrics,
      from,
      to,
    );
  }

  async member(memberId: string): Promise<RosterRow | null> {
    return (await this.members([memberId]))[0] ?? null;
  }

  /** The given members the roster knows, departed or not. */
  members(memberIds: readonly string[]): Promise<RosterRow[]> {
    return this.prisma.$queryRawUnsafe<RosterRow[]>(
      `SELECT "memberId"::text AS "memberId", name, "teamId"::text AS "teamId", position, status
       FROM roster_member WHERE "memberId" = ANY($1::uuid[])`,
      memberIds,
    );
  }

  /** Current members (not departed) of the given teams, or of every team with `null`. */
  membersOf(teamIds: readonly string[] | null): Promise<RosterRow[]> {
    return this.prisma.$queryRawUnsafe<RosterRow[]>(
      `SELECT "memberId"::text AS "memberId", name, "teamId"::text AS "teamId", position, status
       FROM roster_member
       WHERE status IS DISTINCT FROM 'departed' AND "teamId" IS NOT NULL
         AND ($1::uuid[] IS NULL OR "teamId" = ANY($1::uuid[]))
       ORDER BY name NULLS LAST, "memberId"`,
      teamIds,
    );
  }

  /** The team and every team below it. */
  async subtreeOf(teamId: string): Promise<string[]> {
    const rows = await this.prisma.$queryRawUnsafe<{ teamId: string }[]>(
      `WITH RECURSIVE below AS (
         SELECT $1::uuid AS "teamId"
         UNION SELECT t."teamId" FROM org_team t JOIN below b ON t."parentId" = b."teamId")
       SELECT "teamId"::text AS "teamId" FROM below`,
      teamId,
    );
    return rows.map((row) => row.teamId);
  }

  /** The nearest department at or above the team (the team itself when none is). */
  async departmentOf(teamId: string): Promise<string> {
    const rows = await this.prisma.$queryRawUnsafe<{ teamId: string }[]>(
      `WITH RECURSIVE above AS (
         SELECT "teamId", "parentId", kind, 0 AS depth FROM org_team WHERE "teamId" = $1::uuid
         UNION ALL SELECT t."teamId", t."parentId", t.kind, a.depth + 1
         FROM org_team t JOIN above a ON t."teamId" = a."parentId" WHERE a.depth < 20)
       SELECT "teamId"::text AS "teamId" FROM above WHERE kind = 'department'
       ORDER BY depth LIMIT 1`,
      teamId,
    );
    return rows[0]?.teamId ?? teamId;
  }

  teams(teamIds: readonly string[] | null): Promise<{ teamId: string; name: string }[]> {
    return this.prisma.$queryRawUnsafe(
      `SELECT "teamId"::text AS "teamId", name FROM org_team
       WHERE $1::uuid[] IS NULL OR "teamId" = ANY($1::uuid[])`,
      teamIds,
    );
  }

  /** Sales per team in the months, by the team each fact's member was on at the time. */
  teamSales(teamIds: readonly string[] | null, from: string, to: string) {
    return this.prisma.$queryRawUnsafe<{ teamId: string; sales: bigint }[]>(
      `SELECT "teamId"::text AS "teamId", SUM(sales)::bigint AS sales FROM kpi_event_fact
       WHERE period BETWEEN $2 AND $3 AND "teamId" IS NOT NULL AND sales IS NOT NULL
         AND ($1::uuid[] IS NULL OR "teamId" = ANY($1::uuid[]))
       GROUP BY "teamId"`,
      teamIds,
      from,
      to,
    );
  }

  async probationFloor(teamId: string): Promise<string | null> {
    const rows = await this.prisma.$queryRawUnsafe<{ floor: string | null }[]>(
      `SELECT settings->>'probationMinSalesAmount' AS floor FROM org_team WHERE "teamId" = $1::uuid`,
      teamId,
    );
    return rows[0]?.floor ?? null;
  }
}

/**
 * Each aggregate of a member's facts that makes their KPIs, of one fact metric: its column of
 * `kpi_event_fact`, null where an event recorded none of it (which SUM, AVG and COUNT skip).
 */
function aggregateColumns(current: string, previous: string) {
  const sum = (metric: FactMetric) => `SUM("${metric}") FILTER (WHERE ${current})::bigint`;
  const average = (metric: FactMetric) => `AVG("${metric}") FILTER (WHERE ${current})::text`;
  return [
    { name: 'sales', metric: 'sales', previous: false, sql: sum('sales') },
    { name: 'profit', metric: 'profit', previous: false, sql: sum('profit') },
    {
      name: 'previousSales',
      metric: 'sales',
      previous: true,
      sql: `SUM(sales) FILTER (WHERE ${previous})::bigint`,
    },
    {
      name: 'previousSalesFacts',
      metric: 'sales',
      previous: true,
      sql: `COUNT(sales) FILTER (WHERE ${previous})`,
    },
    { name: 'leads', metric: 'leads', previous: false, sql: sum('leads') },
    { name: 'won', metric: 'won', previous: false, sql: sum('won') },
    { name: 'orders', metric: 'orders', previous: false, sql: sum('orders') },
    { name: 'certificates', metric: 'certificates', previous: false, sql: sum('certificates') },
    { name: 'rating', metric: 'rating', previous: false, sql: average('rating') },
    { name: 'ackInTime', metric: 'ack_in_time', previous: false, sql: average('ack_in_time') },
    {
      name: 'resolvedInTime',
      metric: 'resolved_in_time',
      previous: false,
      sql: average('resolved_in_time'),
    },
    { name: 'attendance', metric: 'attendance', previous: false, sql: average('attendance') },
  ];
}

/** The aggregates of a member's facts that make their KPIs, in the window's months. */
function aggregatesOf(current: string, previous: string): string {
  return aggregateColumns(current, previous)
    .map((column) => `${column.sql} AS "${column.name}"`)
    .join(', ');
}

/** A member without facts: no aggregate; a row's aggregates not selected stay so. */
const EMPTY_TOTALS_ROW: TotalsRow = {
  memberId: '',
  sales: null,
  profit: null,
  previousSales: null,
  previousSalesFacts: 0n,
  leads: null,
  won: null,
  orders: null,
  certificates: null,
  rating: null,
  ackInTime: null,
  resolvedInTime: null,
  attendance: null,
};

const definedOf = <T extends object>(row: T): Partial<T> =>
  Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as Partial<T>;

function totalsOf(row: TotalsRow): KpiTotals {
  return {
    memberId: row.memberId,
    sales: row.sales ?? 0n,
    profit: row.profit,
    previousSales: row.previousSales ?? 0n,
    previousSalesFacts: Number(row.previousSalesFacts),
    leads: row.leads ?? 0n,
    won: row.won ?? 0n,
    orders: row.orders ?? 0n,
    certificates: row.certificates ?? 0n,
    rating: row.rating,
    ackInTime: row.ackInTime,
    resolvedInTime: row.resolvedInTime,
    attendance: row.attendance,
  };
}

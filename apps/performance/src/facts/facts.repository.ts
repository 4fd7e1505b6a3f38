import { Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PLACEMENT_LOCK } from '../roster/roster.repository';
import type { FactDraft } from './fact-draft';

/** Sums of a completion's facts by metric; `null` where it recorded none of that metric. */
export interface Counted {
  sales: bigint | null;
  profit: bigint | null;
}

/**
 * Marks the members' months of `changes` (rows of "memberId", period) changed, due a second from
 * now. Appended, never updated: two consumers marking the same member never wait on each other.
 */
const changesInsert = (
  changes: string,
) => `INSERT INTO scorecard_change ("memberId", period, "dueAt")
  SELECT m."memberId", m.period, now() + interval '1 second' FROM ${changes} AS m("memberId", period)`;

type FactRow = Omit<FactDraft, 'metric' | 'value'> & {
  eventId: string;
  eventType: string;
  metrics: string[];
  values: string[];
};

/**
 * The facts of the events, those of one event and member that share everything but the metric
 * and value (a completion's sales, profit and order) as one row with its metrics and values: the
 * statement reads a third of the JSON and looks their placement up once.
 */
function factRowsOf(
  events: readonly { event: { id: string; type: string }; drafts: readonly FactDraft[] }[],
): FactRow[] {
  const rows: FactRow[] = [];
  for (const { event, drafts } of events) {
    const first = rows.length;
    for (const draft of drafts) {
      let row: FactRow | undefined;
      for (let i = first; i < rows.length && !row; i += 1) {
        if (sharesAllButValue(rows[i] as FactRow, draft)) row = rows[i];
      }
      if (!row) {
        row = {
          eventId: event.id,
          eventType: event.type,
          memberId: draft.memberId,
          period: draft.period,
          sourceType: draft.sourceType,
          sourceId: draft.sourceId,
          sourceRef: draft.sourceRef,
          occurredAt: draft.occurredAt,
          eventTeamId: draft.eventTeamId,
          metrics: [],
          values: [],
        };
        rows.push(row);
      }
      row.metrics.push(draft.metric);
      row.values.push(draft.value.toString());
    }
  }
  return rows;
}

function sharesAllButValue(row: FactRow, draft: FactDraft): boolean {
  return (
    row.memberId === draft.memberId &&
    row.period === draft.period &&
    row.sourceType === draft.sourceType &&
    row.sourceId === draft.sourceId &&
    row.sourceRef === draft.sourceRef &&
    row.occurredAt === draft.occurredAt &&
    row.eventTeamId === draft.eventTeamId
  );
}

/**
 * The facts of a batch of events are written in one statement: each takes the team and position
 * the roster placed its member in at the event's moment (the event's team where it placed them
 * nowhere yet), and a fact already recorded for that event, member and metric is left as it is.
 */
@Injectable()
export class FactsRepository {
  /**
   * With `announce`, each member and month the facts count in is marked changed in the same
   * statement (see `announceAll`); a rebuild marks them all once at its end instead.
   */
  async record(
    events: readonly { event: { id: string; type: string }; drafts: readonly FactDraft[] }[],
    work: Work,
    { announce = true }: { announce?: boolean } = {},
  ): Promise<void> {
    const rows = factRowsOf(events);
    if (rows.length === 0) return;
    // Shared with other facts, exclusive of a placement being recorded: a placement waits for the
    // facts being written to commit, so it re-places them (see RosterRepository.recordPlacement).
    // A statement of its own: the facts' statement then reads the placements as of after it.
    await sqlOf(work).$queryRawUnsafe(
      `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock_shared(${PLACEMENT_LOCK})) AS l`,
    );
    const insert = `INSERT INTO kpi_fact ("eventId", "memberId", metric, period, "teamId", position,
         value, "eventType", "sourceType", "sourceId", "sourceRef", "occurredAt")
       SELECT f."eventId", f."memberId", m.metric, f.period, COALESCE(p."teamId", f."eventTeamId"),
              p.position, m.value, f."eventType", f."sourceType", f."sourceId", f."sourceRef",
              f."occurredAt"
       FROM jsonb_to_recordset($1::jsonb) AS f("eventId" uuid, "eventType" text, "memberId" uuid,
              period text, "sourceType" text, "sourceId" uuid, "sourceRef" text,
              "occurredAt" timestamptz, "eventTeamId" uuid, metrics text[], "values" bigint[])
       LEFT JOIN LATERAL (
         SELECT rp."teamId", rp.position FROM roster_placement rp
         WHERE rp."memberId" = f."memberId" AND rp."validFrom" <= f."occurredAt"
         ORDER BY rp."validFrom" DESC, rp.version DESC LIMIT 1) p ON true
       CROSS JOIN LATERAL unnest(f.metrics, f."values") AS m(metric, value)
       ON CONFLICT DO NOTHING`;
    if (!announce) {
      await sqlOf(work).$executeRawUnsafe(insert, JSON.stringify(rows));
      return;
    }
    const changed = [...new Set(rows.map(({ memberId, period }) => `${memberId} ${period}`))];
    await sqlOf(work).$executeRawUnsafe(
      `WITH facts AS (${insert}) ${changesInsert('unnest($2::uuid[], $3::text[])')}`,
      JSON.stringify(rows),
      changed.map((key) => key.slice(0, key.indexOf(' '))),
      changed.map((key) => key.slice(key.indexOf(' ') + 1)),
    );
  }

  /** Every member and month with facts marked changed: after a rebuild, which may change any. */
  async announceAll(work: Work): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `WITH changed AS (SELECT DISTINCT "memberId", period FROM kpi_fact)
       ${changesInsert('changed')}`,
    );
  }

  /** What each order's completion counted, for those that recorded one. */
  async completionsOf(orderIds: readonly string[], work: Work): Promise<Map<string, Counted>> {
    const counted = new Map<string, Counted>();
    if (orderIds.length === 0) return counted;
    const rows = await sqlOf(work).$queryRawUnsafe<
      { orderId: string; metric: 'sales' | 'profit'; value: bigint }[]
    >(
      `SELECT "sourceId"::text AS "orderId", metric, SUM(value)::bigint AS value FROM kpi_fact
       WHERE "sourceId" = ANY($1::uuid[]) AND "eventType" = 'orders.order.completed'
         AND metric IN ('sales', 'profit')
       GROUP BY "sourceId", metric`,
      orderIds,
    );
    for (const row of rows) {
      const sums = counted.get(row.orderId) ?? { sales: null, profit: null };
      sums[row.metric] = BigInt(row.value);
      counted.set(row.orderId, sums);
    }
    return counted;
  }
}

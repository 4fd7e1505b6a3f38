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
 * Marks the members' months of `changes` (rows of "memberId", period) changed, to be announced a second from the first change at the
 * earliest: later changes join it. A change still touches the row (a new version), so the sweep,
 * which computes a scorecard before it claims the change, leaves one changed meanwhile for its
 * next pass. In key order: two consumers touching the same rows never wait on each other in a
 * cycle.
 */
const changesUpsert = (
  changes: string,
) => `INSERT INTO scorecard_change ("memberId", period, "dueAt")
  SELECT m."memberId", m.period, now() + interval '1 second'
  FROM ${changes} AS m("memberId", period)
  ORDER BY m."memberId", m.period
  ON CONFLICT ("memberId", period) DO UPDATE SET "dueAt" = scorecard_change."dueAt"`;

/**
 * The facts of the events, those of one event and member that share everything but the metric
 * and value (a completion's sales, profit and order) as one row with its metrics and values: the
 * statement reads a third of the JSON and looks their placement up once.
 */
function factRowsOf(
  events: readonly { event: { id: string; type: string }; drafts: readonly FactDraft[] }[],
) {
  const rows = new Map<
    string,
    Omit<FactDraft, 'metric' | 'value'> & {
      eventId: string;
      eventType: string;
      metrics: string[];
      values: string[];
    }
  >();
  for (const { event, drafts } of events) {
    for (const { metric, value, ...shared } of drafts) {
      // Free text last: the fields before it hold no NUL, so two keys are equal only if all are.
      const key = [
        event.id,
        shared.memberId,
        shared.period,
        shared.sourceType,
        shared.sourceId,
        shared.occurredAt,
        shared.eventTeamId,
        shared.sourceRef,
      ].join('\u0000');
      const row = rows.get(key) ?? {
        eventId: event.id,
        eventType: event.type,
        ...shared,
        metrics: [],
        values: [],
      };
      row.metrics.push(metric);
      row.values.push(value.toString());
      rows.set(key, row);
    }
  }
  return [...rows.values()];
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
      `WITH facts AS (${insert}) ${changesUpsert('unnest($2::uuid[], $3::text[])')}`,
      JSON.stringify(rows),
      changed.map((key) => key.slice(0, key.indexOf(' '))),
      changed.map((key) => key.slice(key.indexOf(' ') + 1)),
    );
  }

  /** Every member and month with facts marked changed: after a rebuild, which may change any. */
  async announceAll(work: Work): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `WITH changed AS (SELECT DISTINCT "memberId", period FROM kpi_fact)
       ${changesUpsert('changed')}`,
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

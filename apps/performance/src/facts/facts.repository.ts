import { Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PLACEMENT_LOCK } from '../roster/roster.repository';
import { FACT_METRICS, type FactDraft, type FactMetric } from './fact-draft';

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
} & Partial<Record<FactMetric, string>>;

/**
 * The facts of the events, one row per event and member with a value per metric: every fact of
 * one event and member shares all but its metric and value (a completion's sales, profit and
 * order), and one of a metric already there is a repeat, left out as the table would.
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
        if ((rows[i] as FactRow).memberId === draft.memberId) row = rows[i];
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
        };
        rows.push(row);
      } else if (!sharesAllButValue(row, draft)) {
        throw new Error(`the facts of event ${event.id} for one member differ beyond their metric`);
      }
      row[draft.metric] ??= draft.value.toString();
    }
  }
  return rows;
}

function sharesAllButValue(row: FactRow, draft: FactDraft): boolean {
  return (
    row.period === draft.period &&
    row.sourceType === draft.sourceType &&
    row.sourceId === draft.sourceId &&
    row.sourceRef === draft.sourceRef &&
    row.occurredAt === draft.occurredAt &&
    row.eventTeamId === draft.eventTeamId
  );
}

const metricsAs = (column: (metric: FactMetric) => string) => FACT_METRICS.map(column).join(', ');

/**
 * Each event's facts for a member with the team and position the roster placed the member in at
 * the event's moment (the event's team where it placed them nowhere yet); the facts of an event
 * and member already recorded are left as they are.
 */
const FACTS_INSERT = `INSERT INTO kpi_event_fact ("eventId", "memberId", period, "teamId", position,
     ${metricsAs((metric) => `"${metric}"`)}, "eventType", "sourceType", "sourceId", "sourceRef",
     "occurredAt")
   SELECT f."eventId", f."memberId", f.period, COALESCE(p."teamId", f."eventTeamId"),
          p.position, ${metricsAs((metric) => `f."${metric}"`)},
          f."eventType", f."sourceType", f."sourceId", f."sourceRef", f."occurredAt"
   FROM jsonb_to_recordset($1::jsonb) AS f("eventId" uuid, "eventType" text, "memberId" uuid,
          period text, "sourceType" text, "sourceId" uuid, "sourceRef" text,
          "occurredAt" timestamptz, "eventTeamId" uuid,
          ${metricsAs((metric) => `"${metric}" bigint`)})
   LEFT JOIN LATERAL (
     SELECT rp."teamId", rp.position FROM roster_placement rp
     WHERE rp."memberId" = f."memberId" AND rp."validFrom" <= f."occurredAt"
     ORDER BY rp."validFrom" DESC, rp.version DESC LIMIT 1) p ON true
   ON CONFLICT DO NOTHING`;

/** The facts of a batch of events are written in one statement (FACTS_INSERT). */
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
    if (!announce) {
      await sqlOf(work).$executeRawUnsafe(FACTS_INSERT, JSON.stringify(rows));
      return;
    }
    const changed = [...new Set(rows.map(({ memberId, period }) => `${memberId} ${period}`))];
    await sqlOf(work).$executeRawUnsafe(
      `WITH facts AS (${FACTS_INSERT}) ${changesInsert('unnest($2::uuid[], $3::text[])')}`,
      JSON.stringify(rows),
      changed.map((key) => key.slice(0, key.indexOf(' '))),
      changed.map((key) => key.slice(key.indexOf(' ') + 1)),
    );
  }

  /** Every member and month with facts marked changed: after a rebuild, which may change any. */
  async announceAll(work: Work): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `WITH changed AS (SELECT DISTINCT "memberId", period FROM kpi_event_fact)
       ${changesInsert('changed')}`,
    );
  }

  /** What each order's completion counted, for those that recorded one. */
  async completionsOf(orderIds: readonly string[], work: Work): Promise<Map<string, Counted>> {
    const counted = new Map<string, Counted>();
    if (orderIds.length === 0) return counted;
    const rows = await sqlOf(work).$queryRawUnsafe<
      { orderId: string; sales: bigint | null; profit: bigint | null }[]
    >(
      `SELECT "sourceId"::text AS "orderId", SUM(sales)::bigint AS sales,
              SUM(profit)::bigint AS profit
       FROM kpi_event_fact
       WHERE "sourceId" = ANY($1::uuid[]) AND "eventType" = 'orders.order.completed'
       GROUP BY "sourceId"
       HAVING count(sales) + count(profit) > 0`,
      orderIds,
    );
    for (const row of rows) {
      counted.set(row.orderId, {
        sales: row.sales === null ? null : BigInt(row.sales),
        profit: row.profit === null ? null : BigInt(row.profit),
      });
    }
    return counted;
  }
}

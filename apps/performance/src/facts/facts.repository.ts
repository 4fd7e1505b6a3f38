import { Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PLACEMENT_LOCK } from '../roster/roster.repository';
import type { FactDraft } from './fact-draft';
import type { CompletionCounted } from './facts-of-orders';

/**
 * Facts are written once per event, so in one plain statement: each takes the team and position
 * the roster placed its member in at the event's moment (the event's team where it placed them
 * nowhere yet), and a fact already recorded for that event, member and metric is left as it is.
 */
@Injectable()
export class FactsRepository {
  async record(
    event: { id: string; type: string },
    drafts: readonly FactDraft[],
    work: Work,
  ): Promise<void> {
    if (drafts.length === 0) return;
    const rows = drafts.map((draft) => ({
      memberId: draft.memberId,
      metric: draft.metric,
      period: draft.period,
      value: draft.value.toString(),
      sourceType: draft.sourceType,
      sourceId: draft.sourceId,
      sourceRef: draft.sourceRef,
      occurredAt: draft.occurredAt,
      eventTeamId: draft.eventTeamId,
    }));
    // Shared with other facts, exclusive of a placement being recorded: a placement waits for the
    // facts being written to commit, so it re-places them (see RosterRepository.recordPlacement).
    await sqlOf(work).$queryRawUnsafe(
      `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock_shared(${PLACEMENT_LOCK})) AS l`,
    );
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO kpi_fact ("eventId", "memberId", metric, period, "teamId", position, value,
         "eventType", "sourceType", "sourceId", "sourceRef", "occurredAt")
       SELECT $1::uuid, f."memberId", f.metric, f.period, COALESCE(p."teamId", f."eventTeamId"),
              p.position, f.value, $2, f."sourceType", f."sourceId", f."sourceRef", f."occurredAt"
       FROM jsonb_to_recordset($3::jsonb) AS f("memberId" uuid, metric text, period text,
              value bigint, "sourceType" text, "sourceId" uuid, "sourceRef" text,
              "occurredAt" timestamptz, "eventTeamId" uuid)
       LEFT JOIN LATERAL (
         SELECT rp."teamId", rp.position FROM roster_placement rp
         WHERE rp."memberId" = f."memberId" AND rp."validFrom" <= f."occurredAt"
         ORDER BY rp."validFrom" DESC, rp.version DESC LIMIT 1) p ON true
       ON CONFLICT DO NOTHING`,
      event.id,
      event.type,
      JSON.stringify(rows),
    );
    // Announced a second from the first change at the earliest: later changes join it.
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO scorecard_change ("memberId", period, "dueAt")
       SELECT DISTINCT m."memberId", m.period, now() + interval '1 second'
       FROM jsonb_to_recordset($1::jsonb) AS m("memberId" uuid, period text)
       ON CONFLICT DO NOTHING`,
      JSON.stringify(rows.map(({ memberId, period }) => ({ memberId, period }))),
    );
  }

  /** What the order's completion counted, if it was recorded. */
  async completionOf(orderId: string, work: Work): Promise<CompletionCounted | null> {
    const rows = await sqlOf(work).$queryRawUnsafe<{ metric: string; value: bigint }[]>(
      `SELECT metric, SUM(value)::bigint AS value FROM kpi_fact
       WHERE "sourceId" = $1::uuid AND "eventType" = 'orders.order.completed'
         AND metric IN ('sales', 'profit')
       GROUP BY metric`,
      orderId,
    );
    const sales = rows.find((row) => row.metric === 'sales');
    if (!sales) return null;
    const profit = rows.find((row) => row.metric === 'profit');
    return { sales: BigInt(sales.value), profit: profit ? BigInt(profit.value) : null };
  }
}

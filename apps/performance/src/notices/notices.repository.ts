import { Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

export interface BelowTargetRow {
  memberId: string;
  teamId: string | null;
  target: bigint;
  sales: bigint;
}

export interface ScorecardChangeRow {
  memberId: string;
  period: string;
  /** The change rows read: announcing takes these off, and leaves any written since. */
  ids: string[];
}

/** The due notices, claimed once across instances, by the database's clock. */
@Injectable()
export class NoticesRepository {
  /**
   * The members' months whose change is due and whose last announcement is a second old, at most
   * `limit`, each with the change rows read; nothing locked.
   */
  dueChanges(work: Work, limit: number) {
    return sqlOf(work).$queryRawUnsafe<ScorecardChangeRow[]>(
      `SELECT c."memberId"::text AS "memberId", c.period, array_agg(c.id)::text[] AS ids
       FROM scorecard_change c
       LEFT JOIN scorecard_announcement a ON a."memberId" = c."memberId" AND a.period = c.period
       WHERE a.at IS NULL OR a.at <= now() - interval '1 second'
       GROUP BY c."memberId", c.period
       HAVING min(c."dueAt") <= now()
       ORDER BY min(c."dueAt") LIMIT $1`,
      limit,
    );
  }

  /**
   * Records the announcement of the given changes and takes their rows read off, except where
   * another sweep announced the same member and month less than a second ago (it waits for the
   * next pass): what it returns is what to announce.
   */
  claimChanges(changes: readonly ScorecardChangeRow[], work: Work) {
    return sqlOf(work).$queryRawUnsafe<{ memberId: string; period: string }[]>(
      `WITH due AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS c("memberId" uuid, period text, ids bigint[])),
       announced AS (
         INSERT INTO scorecard_announcement ("memberId", period, at)
         SELECT "memberId", period, now() FROM due ORDER BY "memberId", period
         ON CONFLICT ("memberId", period) DO UPDATE SET at = excluded.at
         WHERE scorecard_announcement.at <= now() - interval '1 second'
         RETURNING "memberId", period),
       taken AS (
         DELETE FROM scorecard_change WHERE id IN (
           SELECT unnest(due.ids) FROM due JOIN announced USING ("memberId", period)))
       SELECT "memberId"::text AS "memberId", period FROM announced`,
      JSON.stringify(changes),
    );
  }

  async ensureCheckpoints(
    period: string,
    checkpoints: readonly { checkpoint: string; dueAt: Date }[],
    work: Work,
  ): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO target_checkpoint (period, checkpoint, "dueAt")
       SELECT $1, c.checkpoint, c."dueAt"
       FROM jsonb_to_recordset($2::jsonb) AS c(checkpoint text, "dueAt" timestamptz)
       ON CONFLICT DO NOTHING`,
      period,
      JSON.stringify(checkpoints),
    );
  }

  async claimDueCheckpoint(work: Work): Promise<{ period: string; checkpoint: string } | null> {
    const rows = await sqlOf(work).$queryRawUnsafe<{ period: string; checkpoint: string }[]>(
      `SELECT period, checkpoint FROM target_checkpoint
       WHERE "doneAt" IS NULL AND "dueAt" <= now()
       ORDER BY "dueAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return rows[0] ?? null;
  }

  markDone(checkpoint: { period: string; checkpoint: string }, flagged: number, work: Work) {
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE target_checkpoint SET "doneAt" = now(), flagged = $3
       WHERE period = $1 AND checkpoint = $2`,
      checkpoint.period,
      checkpoint.checkpoint,
      flagged,
    );
  }

  /**
   * Members whose month-to-date sales are more than 20 % below their target pro-rated by the
   * days gone: sales < 0.8 × target × elapsed / days, in integers.
   */
  belowTarget(period: string, elapsedDays: number, daysInMonth: number, work: Work) {
    return sqlOf(work).$queryRawUnsafe<BelowTargetRow[]>(
      `SELECT t."memberId"::text AS "memberId", r."teamId"::text AS "teamId",
              t."salesAmount" AS target, COALESCE(s.sales, 0)::bigint AS sales
       FROM kpi_target t
       LEFT JOIN roster_member r ON r."memberId" = t."memberId"
       LEFT JOIN (SELECT "memberId", SUM(sales) AS sales FROM kpi_event_fact
                  WHERE period = $1 GROUP BY "memberId") s
         ON s."memberId" = t."memberId"
       WHERE t.period = $1 AND t."memberId" IS NOT NULL AND t."salesAmount" > 0
         AND r.status IS DISTINCT FROM 'departed'
         AND COALESCE(s.sales, 0) * $3 * 5 < t."salesAmount" * $2 * 4
       ORDER BY t."memberId"`,
      period,
      elapsedDays,
      daysInMonth,
    );
  }
}

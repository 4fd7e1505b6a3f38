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
  version: string;
}

/** The due notices: claimed with `FOR UPDATE SKIP LOCKED`, by the database's clock. */
@Injectable()
export class NoticesRepository {
  /** The scorecard changes now due, at most `limit`, each with its row version; nothing locked. */
  dueChanges(work: Work, limit: number) {
    return sqlOf(work).$queryRawUnsafe<ScorecardChangeRow[]>(
      `SELECT "memberId"::text AS "memberId", period, xmin::text AS version FROM scorecard_change
       WHERE "dueAt" <= now() ORDER BY "dueAt" LIMIT $1`,
      limit,
    );
  }

  /**
   * Takes the given changes off the table, those still at the version read and not locked by a
   * consumer writing facts: one changed since waits for the next pass, as does one being changed.
   */
  claimChanges(changes: readonly ScorecardChangeRow[], work: Work) {
    return sqlOf(work).$queryRawUnsafe<{ memberId: string; period: string }[]>(
      `DELETE FROM scorecard_change WHERE ctid IN (
         SELECT s.ctid FROM scorecard_change s
         JOIN jsonb_to_recordset($1::jsonb) AS c("memberId" uuid, period text, version text)
           ON s."memberId" = c."memberId" AND s.period = c.period AND s.xmin::text = c.version
         FOR UPDATE OF s SKIP LOCKED)
       RETURNING "memberId"::text AS "memberId", period`,
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
       LEFT JOIN (SELECT "memberId", SUM(value) AS sales FROM kpi_fact
                  WHERE metric = 'sales' AND period = $1 GROUP BY "memberId") s
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

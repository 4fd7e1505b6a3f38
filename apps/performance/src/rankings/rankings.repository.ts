import { Inject, Injectable } from '@nestjs/common';

import type { Ranking } from '@salesops/performance-contracts';
import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

/** The database's `now()` moved as far as the service's clock (a test's clock file). */
const SHIFTED_NOW = `(now() + $1::float8 * interval '1 millisecond')`;

export interface RankingKey {
  period: string;
  metric: string;
  scope: string;
  /** The team or department ranked, null for the company. */
  scopeTeamId: string | null;
}

/** Months' ends, claimed once when due, and the rankings they froze. */
@Injectable()
export class RankingsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Each month's end, stored once: claimed by the sweep when due. */
  async ensurePeriodEnds(ends: readonly { period: string; dueAt: Date }[], work: Work) {
    if (ends.length === 0) return;
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO ranking_period_end (period, "dueAt")
       SELECT * FROM unnest($1::text[], $2::timestamptz[]) ON CONFLICT DO NOTHING`,
      ends.map((end) => end.period),
      ends.map((end) => end.dueAt.toISOString()),
    );
  }

  /** A month whose end is due (by the shifted database clock) and not frozen yet, locked. */
  async claimDuePeriodEnd(offsetMs: number, work: Work): Promise<string | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<{ period: string }[]>(
      `SELECT period FROM ranking_period_end WHERE "doneAt" IS NULL AND "dueAt" <= ${SHIFTED_NOW}
       ORDER BY "dueAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      offsetMs,
    );
    return row?.period ?? null;
  }

  async markFrozen(period: string, frozenAt: Date, work: Work): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `UPDATE ranking_period_end SET "doneAt" = $2::timestamptz WHERE period = $1`,
      period,
      frozenAt.toISOString(),
    );
  }

  async saveSnapshots(
    snapshots: readonly { key: RankingKey; entries: Ranking['entries'] }[],
    frozenAt: Date,
    work: Work,
  ): Promise<void> {
    if (snapshots.length === 0) return;
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO ranking_snapshot (period, metric, scope, "scopeTeamId", entries, "frozenAt")
       SELECT s.period, s.metric, s.scope, s."scopeTeamId", s.entries, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb)
         AS s(period text, metric text, scope text, "scopeTeamId" text, entries jsonb)
       ON CONFLICT DO NOTHING`,
      JSON.stringify(
        snapshots.map(({ key, entries }) => ({
          ...key,
          scopeTeamId: key.scopeTeamId ?? '',
          entries,
        })),
      ),
      frozenAt.toISOString(),
    );
  }

  async snapshot(key: RankingKey): Promise<{ entries: Ranking['entries']; frozenAt: Date } | null> {
    const rows = await this.prisma.$queryRawUnsafe<
      { entries: Ranking['entries']; frozenAt: Date }[]
    >(
      `SELECT entries, "frozenAt" FROM ranking_snapshot
       WHERE period = $1 AND metric = $2 AND scope = $3 AND "scopeTeamId" = $4`,
      key.period,
      key.metric,
      key.scope,
      key.scopeTeamId ?? '',
    );
    return rows[0] ?? null;
  }

  /** Every team, and every department (by kind), for the rankings a month's end freezes. */
  orgTeams(): Promise<{ teamId: string; kind: string }[]> {
    return this.prisma.$queryRawUnsafe(
      `SELECT "teamId"::text AS "teamId", kind FROM org_team ORDER BY "teamId"`,
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

/** The first retry of a week whose judgement failed waits this long; each later one twice as long. */
export const RETRY_BASE_SECONDS = 5;
/** No retry waits longer than this. */
export const RETRY_CAP_SECONDS = 3600;

/** Lead counts by registering member, and the weeks and misses of the quota sweep. */
@Injectable()
export class LeadQuotaRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Leads each member registered in `[from, to)`, counted in SQL. */
  async leadsBy(
    memberIds: string[],
    range: { from: Date; to: Date },
    work?: Work,
  ): Promise<Map<string, number>> {
    if (memberIds.length === 0) return new Map();
    const rows = await this.prisma.within(work).customer.groupBy({
      by: ['registeredBy'],
      where: { registeredBy: { in: memberIds }, createdAt: { gte: range.from, lt: range.to } },
      _count: { _all: true },
    });
    return new Map(rows.map((row) => [row.registeredBy, row._count._all]));
  }

  /** The week's row, due at its end; nothing when it is there already. */
  scheduleWeek(week: string, dueAt: Date): Promise<number> {
    return this.prisma.$executeRawUnsafe(
      `INSERT INTO quota_week (week, "dueAt") VALUES ($1, $2::timestamptz) ON CONFLICT (week) DO NOTHING`,
      week,
      dueAt,
    );
  }

  /** The database's clock: what due times are judged by, whatever this instance's clock says. */
  async databaseNow(): Promise<Date> {
    const rows = await this.prisma.$queryRawUnsafe<{ now: Date }[]>(`SELECT now() AS now`);
    return rows[0]?.now ?? new Date();
  }

  /**
   * A week whose end has passed by the database clock, that nobody judged yet and that is not
   * waiting for its next attempt, locked for this transaction.
   */
  async claimDueWeek(work: Work): Promise<string | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<{ week: string }[]>(
      `SELECT week FROM quota_week WHERE "judgedAt" IS NULL AND "dueAt" <= now()
         AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= now())
       ORDER BY "dueAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return row?.week ?? null;
  }

  /**
   * A judgement that failed: the week waits for its next attempt, twice as long as the last (from
   * `RETRY_BASE_SECONDS` up to `RETRY_CAP_SECONDS`), while the weeks behind it go on.
   */
  failed(week: string, error: string): Promise<number> {
    return this.prisma.$executeRawUnsafe(
      `UPDATE quota_week SET attempts = attempts + 1, "lastError" = $2,
         "nextAttemptAt" = now() + make_interval(
           secs => LEAST($3::float8 * power(2, attempts), $4::float8))
       WHERE week = $1`,
      week,
      error.slice(0, 1000),
      RETRY_BASE_SECONDS,
      RETRY_CAP_SECONDS,
    );
  }

  markJudged(week: string, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE quota_week SET "judgedAt" = now() WHERE week = $1`,
      week,
    );
  }

  /** Records a rep's miss of a week; false when it was recorded before (announced once). */
  async recordMiss(
    miss: { memberId: string; week: string; teamId: string; leads: number; quota: number },
    work: Work,
  ): Promise<boolean> {
    const inserted = await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO quota_miss ("memberId", week, "teamId", leads, quota) VALUES ($1::uuid, $2, $3::uuid, $4, $5)
       ON CONFLICT ("memberId", week) DO NOTHING`,
      miss.memberId,
      miss.week,
      miss.teamId,
      miss.leads,
      miss.quota,
    );
    return inserted > 0;
  }
}

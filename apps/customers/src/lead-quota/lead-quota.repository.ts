import { Inject, Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

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

  /** A week whose end has passed and that nobody judged yet, locked for this transaction. */
  async claimDueWeek(now: Date, work: Work): Promise<string | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<{ week: string }[]>(
      `SELECT week FROM quota_week WHERE "judgedAt" IS NULL AND "dueAt" <= $1::timestamptz
       ORDER BY "dueAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      now,
    );
    return row?.week ?? null;
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

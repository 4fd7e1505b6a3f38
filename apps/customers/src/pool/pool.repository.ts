import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { POOL_OWNER_ID, type PoolReason } from '@salesops/customers-contracts';
import { TEAM_SETTING_DEFAULTS } from '@salesops/members-contracts';
import { decodeCursor, FieldCipher, sqlOf, type Work } from '@salesops/persistence';

import type { CustomerRow } from '../customers/customers.repository';
import { openContact } from '../customers/contact-fields';
import { PrismaService } from '../database/prisma.service';
import { notBackingOff, SHIFTED_NOW } from '../due-sweeps/due-item-kind';

/** The stages a customer can return to the pool from: the open ones. */
export const POOLABLE_STAGES = ['lead', 'contacted', 'qualified', 'negotiating'];
const OPEN = `ARRAY['lead', 'contacted', 'qualified', 'negotiating']`;

/** How many customers one pass schedules at most. */
const SCHEDULE_BATCH = 1000;

/** Which pools a caller reaches: every team's, or some teams'. */
export type PoolReach = { all: true } | { teamIds: string[] };

export interface PoolReportRow {
  memberId: string;
  held: number;
  averageLeadAgeDays: number | null;
  oldestLeadAgeDays: number | null;
  recycled: number;
}

/** The day a company instant falls on, `days` later, at its start: in SQL, on the company's zone. */
const dayStartAfter = (instant: string, days: string) =>
  `((((${instant}) AT TIME ZONE $1)::date + (${days}))::timestamp AT TIME ZONE $1)`;

/**
 * The public pool's rows: when customers fall due to return (scheduled per customer version),
 * the warnings and recycles the sweep claims, claims and assignments, and the pool report.
 */
@Injectable()
export class PoolRepository {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
  ) {}

  /**
   * Marks for rescheduling the customers of every team whose settings changed since its customers
   * were scheduled (a team event arrived), then (re)computes, for up to SCHEDULE_BATCH customers
   * changed since they were scheduled, when each returns to the pool and when its owner is warned,
   * on company days in `timeZone`: no follow-up (or claim) for poolIdleDays, or no stage progress
   * (or claim) for poolStaleDays, whichever comes first; the warning poolWarnDays before. A
   * customer whose due time moved is warned again for the new one. Returns how many it scheduled.
   */
  async schedule(timeZone: string): Promise<number> {
    await this.prisma.$executeRawUnsafe(
      `WITH changed AS (
         SELECT t."teamId", t."updatedAt" FROM org_team t
         LEFT JOIN pool_team p ON p."teamId" = t."teamId"
         WHERE p."scheduledAt" IS NULL OR p."scheduledAt" < t."updatedAt"),
       marked AS (
         UPDATE customer c SET "poolScheduledVersion" = NULL
         FROM changed WHERE c."teamId" = changed."teamId" AND c."pooledAt" IS NULL)
       INSERT INTO pool_team ("teamId", "scheduledAt") SELECT "teamId", "updatedAt" FROM changed
       ON CONFLICT ("teamId") DO UPDATE SET "scheduledAt" = EXCLUDED."scheduledAt"`,
    );
    const defaults = TEAM_SETTING_DEFAULTS;
    return this.prisma.$executeRawUnsafe(
      `WITH todo AS (
         SELECT id FROM customer
         WHERE "pooledAt" IS NULL AND "poolScheduledVersion" IS DISTINCT FROM version
         LIMIT ${SCHEDULE_BATCH} FOR UPDATE SKIP LOCKED),
       anchored AS (
         SELECT c.id, c.version, c.stage, c."poolDueAt" AS "oldDue",
           COALESCE((t.settings->>'poolIdleDays')::int, $2) AS "idleDays",
           COALESCE((t.settings->>'poolStaleDays')::int, $3) AS "staleDays",
           COALESCE((t.settings->>'poolWarnDays')::int, $4) AS "warnDays",
           GREATEST(COALESCE(c."lastContactAt", c."createdAt"), h."ownerSince") AS "idleSince",
           GREATEST(COALESCE(h."stageSince", c."createdAt"), h."ownerSince") AS "staleSince"
         FROM todo JOIN customer c ON c.id = todo.id
         LEFT JOIN org_team t ON t."teamId" = c."teamId"
         LEFT JOIN LATERAL (
           SELECT max(at) FILTER (WHERE kind = 'owner') AS "ownerSince",
                  max(at) FILTER (WHERE kind = 'stage') AS "stageSince"
           FROM customer_history WHERE "customerId" = c.id) h ON true),
       due AS (
         SELECT id, version, stage, "oldDue", "warnDays",
           ${dayStartAfter('"idleSince"', '"idleDays"')} AS "idleDue",
           ${dayStartAfter('"staleSince"', '"staleDays"')} AS "staleDue"
         FROM anchored),
       decided AS (
         SELECT id, version, "oldDue", "warnDays",
           CASE WHEN stage = ANY(${OPEN}) THEN LEAST("idleDue", "staleDue") END AS "dueAt",
           CASE WHEN stage <> ALL(${OPEN}) THEN NULL
                WHEN "idleDue" <= "staleDue" THEN 'idle' ELSE 'stale' END AS reason
         FROM due)
       UPDATE customer c SET
         "poolDueAt" = d."dueAt",
         "poolWarnAt" = ${dayStartAfter('d."dueAt"', '-d."warnDays"')},
         "poolReason" = d.reason,
         "poolWarnedAt" = CASE WHEN d."dueAt" IS NOT DISTINCT FROM d."oldDue"
                               THEN c."poolWarnedAt" END,
         "poolScheduledVersion" = d.version
       FROM decided d WHERE c.id = d.id`,
      timeZone,
      defaults.poolIdleDays,
      defaults.poolStaleDays,
      defaults.poolWarnDays,
    );
  }

  /** A customer whose warning is due (by the shifted database clock) and not given yet, locked. */
  async claimDueWarning(offsetMs: number, work: Work): Promise<string | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM customer
       WHERE "poolWarnAt" <= ${SHIFTED_NOW} AND "poolWarnedAt" IS NULL AND "pooledAt" IS NULL
         AND "poolScheduledVersion" = version AND ${notBackingOff('pool-warning', 'customer.id::text')}
       ORDER BY "poolWarnAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      offsetMs,
    );
    return row?.id ?? null;
  }

  /** A warned customer whose return to the pool is due and still scheduled as warned, locked. */
  async claimDueRecycle(offsetMs: number, work: Work): Promise<string | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM customer
       WHERE "poolDueAt" <= ${SHIFTED_NOW} AND "poolWarnedAt" IS NOT NULL AND "pooledAt" IS NULL
         AND "poolScheduledVersion" = version AND ${notBackingOff('pool-recycle', 'customer.id::text')}
       ORDER BY "poolDueAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      offsetMs,
    );
    return row?.id ?? null;
  }

  async customer(id: string, work?: Work): Promise<CustomerRow | null> {
    const row = await this.prisma.within(work).customer.findUnique({ where: { id } });
    return row && openContact(this.cipher, row);
  }

  markWarned(id: string, at: Date, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE customer SET "poolWarnedAt" = $2 WHERE id = $1::uuid`,
      id,
      at,
    );
  }

  /**
   * The customer back in its team's pool at `at`: nobody's (POOL_OWNER_ID), with who held it and
   * why, on its history and in the recycle log; one version on.
   */
  async recycle(
    current: CustomerRow,
    reason: PoolReason,
    at: Date,
    work: Work,
    by = 'system:pool',
    note?: string,
  ): Promise<CustomerRow> {
    const tx = sqlOf(work);
    await tx.$executeRawUnsafe(
      `UPDATE customer SET "ownerId" = $2::uuid, "pooledAt" = $3, "pooledFrom" = "ownerId",
         "poolDueAt" = NULL, "poolWarnAt" = NULL, "poolWarnedAt" = NULL, "poolReason" = $4,
         "poolScheduledVersion" = NULL, version = version + 1, "updatedAt" = now()
       WHERE id = $1::uuid`,
      current.id,
      POOL_OWNER_ID,
      at,
      reason,
    );
    await this.ownerHistory(
      current.id,
      current.ownerId,
      POOL_OWNER_ID,
      note ? `pool:${reason}: ${note}` : `pool:${reason}`,
      by,
      at,
      work,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO pool_recycle (id, "customerId", "teamId", "fromOwnerId", reason, at)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6)`,
      randomUUID(),
      current.id,
      current.teamId,
      current.ownerId,
      reason,
      at,
    );
    return (await this.customer(current.id, work)) as CustomerRow;
  }

  /**
   * Takes `ownerId`'s lock on claims, held to the end of the transaction: their claims (and
   * assignments to them) run one after another, so the cap counts what the one before took.
   */
  async lockClaimsOf(ownerId: string, work: Work): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `SELECT pg_advisory_xact_lock(hashtextextended('pool-claims:' || $1::text, 0))`,
      ownerId,
    );
  }

  /** The open customers a member holds. */
  async heldBy(ownerId: string, work: Work): Promise<number> {
    const [row] = await sqlOf(work).$queryRawUnsafe<{ held: number }[]>(
      `SELECT count(*)::int AS held FROM customer WHERE "ownerId" = $1::uuid AND stage = ANY(${OPEN})`,
      ownerId,
    );
    return row?.held ?? 0;
  }

  /**
   * The pooled customer to `ownerId` of `teamId` at `at`, only if it is still in the pool (one of
   * two claims at once wins; the other changes nothing): null when it was not.
   */
  async takeFromPool(
    customerId: string,
    owner: { ownerId: string; teamId: string },
    how: string,
    by: string,
    at: Date,
    work: Work,
  ): Promise<CustomerRow | null> {
    const taken = await sqlOf(work).$executeRawUnsafe(
      `UPDATE customer SET "ownerId" = $2::uuid, "teamId" = $3::uuid, "pooledAt" = NULL,
         "pooledFrom" = NULL, "poolReason" = NULL, "poolScheduledVersion" = NULL,
         version = version + 1, "updatedAt" = now()
       WHERE id = $1::uuid AND "ownerId" = $4::uuid AND "pooledAt" IS NOT NULL`,
      customerId,
      owner.ownerId,
      owner.teamId,
      POOL_OWNER_ID,
    );
    if (taken === 0) return null;
    await this.ownerHistory(customerId, POOL_OWNER_ID, owner.ownerId, `pool:${how}`, by, at, work);
    return this.customer(customerId, work);
  }

  private async ownerHistory(
    customerId: string,
    from: string,
    to: string,
    reason: string,
    by: string,
    at: Date,
    work: Work,
  ): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO customer_history (id, "customerId", kind, "fromValue", "toValue", reason, "by", at)
       VALUES ($1::uuid, $2::uuid, 'owner', $3, $4, $5, $6, $7)`,
      randomUUID(),
      customerId,
      from,
      to,
      reason,
      by,
      at,
    );
  }

  /** One page (and a row more) of the pooled customers of the pools reached, newest first. */
  async list(
    reach: PoolReach,
    query: { teamId?: string; limit: number; cursor?: string },
  ): Promise<CustomerRow[]> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await this.prisma.customer.findMany({
      where: {
        ownerId: POOL_OWNER_ID,
        pooledAt: { not: null },
        ...('teamIds' in reach ? { teamId: { in: reach.teamIds } } : {}),
        ...(query.teamId ? { AND: [{ teamId: query.teamId }] } : {}),
        ...(after
          ? {
              OR: [
                { pooledAt: { lt: new Date(String(after.v)) } },
                { pooledAt: new Date(String(after.v)), id: { lt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ pooledAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return rows.map((row) => openContact(this.cipher, row));
  }

  /**
   * Per current sales rep of the team: the open customers they hold, the age of those leads in
   * whole days at `asOf` (average rounded down, oldest), and how many returned to the pool from
   * them; aggregated in SQL.
   */
  report(teamId: string, asOf: Date): Promise<PoolReportRow[]> {
    return this.prisma.$queryRawUnsafe<PoolReportRow[]>(
      `SELECT m."memberId",
         count(c.id)::int AS held,
         floor(avg(extract(epoch FROM ($2::timestamptz - c."createdAt")) / 86400))::int
           AS "averageLeadAgeDays",
         floor(max(extract(epoch FROM ($2::timestamptz - c."createdAt")) / 86400))::int
           AS "oldestLeadAgeDays",
         COALESCE((SELECT count(*) FROM pool_recycle r
                   WHERE r."teamId" = $1::uuid AND r."fromOwnerId" = m."memberId"
                     AND r.reason <> 'released'), 0)::int
           AS recycled
       FROM org_member m
       LEFT JOIN customer c ON c."ownerId" = m."memberId" AND c.stage = ANY(${OPEN})
       WHERE m."teamId" = $1::uuid AND m.position = 'sales_rep' AND m.status <> 'departed'
       GROUP BY m."memberId" ORDER BY m."memberId"`,
      teamId,
      asOf,
    );
  }

  /** The team's pooled customers, and the longest wait in whole days at `asOf`. */
  async pooledIn(teamId: string, asOf: Date): Promise<{ pooled: number; oldest: number | null }> {
    const [row] = await this.prisma.$queryRawUnsafe<{ pooled: number; oldest: number | null }[]>(
      `SELECT count(*)::int AS pooled,
         floor(max(extract(epoch FROM ($2::timestamptz - "pooledAt")) / 86400))::int AS oldest
       FROM customer WHERE "teamId" = $1::uuid AND "ownerId" = $3::uuid AND "pooledAt" IS NOT NULL`,
      teamId,
      asOf,
      POOL_OWNER_ID,
    );
    return { pooled: row?.pooled ?? 0, oldest: row?.oldest ?? null };
  }

  /** The owner's customers warned of a return to the pool that is still ahead, soonest first. */
  warnedFor(ownerId: string): Promise<{ id: string; name: string; poolDueAt: Date | null }[]> {
    return this.prisma.$queryRawUnsafe(
      `SELECT id, name, "poolDueAt" FROM customer
       WHERE "ownerId" = $1::uuid AND "poolWarnedAt" IS NOT NULL AND "pooledAt" IS NULL
         AND "poolScheduledVersion" = version
       ORDER BY "poolDueAt" LIMIT 200`,
      ownerId,
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';

import { keysetPage, sqlOf, type Work } from '@salesops/persistence';
import type { Reach } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import type { Complaint as ComplaintRow, Prisma } from '../generated/prisma/client';

export type { ComplaintRow };

/** The first retry of a breach whose flagging failed waits this long; each later one twice as long. */
export const RETRY_BASE_SECONDS = 5;
/** No retry waits longer than this. */
export const RETRY_CAP_SECONDS = 3600;

export type Deadline = 'ack' | 'resolve';

/** A page of complaints, newest first, filtered as the list asks. */
export interface ComplaintFilter {
  limit: number;
  cursor?: string;
  status?: string;
  severity?: string;
  customerId?: string;
  handlerId?: string;
  teamId?: string;
  breached?: boolean;
}

/** What the report counts for one group. */
export interface ReportCounts {
  key: string;
  received: number;
  ackBreached: number;
  resolveBreached: number;
}

/** The condition on a complaint's team and owner for a caller's reach. */
function reachWhere(reach: Reach): Prisma.ComplaintWhereInput {
  if ('all' in reach) return {};
  if ('teamIds' in reach) return { teamId: { in: reach.teamIds } };
  return reach.ownerId ? { ownerId: reach.ownerId } : { id: { in: [] } };
}

/** The same condition in SQL, its values bound through `bind`. */
export function reachSql(
  reach: Reach,
  column: (name: string) => string,
  bind: (value: unknown) => string,
): string {
  if ('all' in reach) return 'true';
  if ('teamIds' in reach) return `${column('teamId')} = ANY(${bind(reach.teamIds)}::uuid[])`;
  return reach.ownerId ? `${column('ownerId')} = ${bind(reach.ownerId)}::uuid` : 'false';
}

@Injectable()
export class ComplaintsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(data: Prisma.ComplaintUncheckedCreateInput, work: Work): Promise<ComplaintRow> {
    return this.prisma.within(work).complaint.create({ data });
  }

  findById(id: string, work?: Work): Promise<ComplaintRow | null> {
    return this.prisma.within(work).complaint.findUnique({ where: { id } });
  }

  /** The complaint locked until the transaction ends, so two steps on it run one after the other. */
  async lock(id: string, work: Work): Promise<ComplaintRow | null> {
    await sqlOf(work).$queryRawUnsafe(
      `SELECT id FROM complaint WHERE id = $1::uuid FOR UPDATE`,
      id,
    );
    return this.findById(id, work);
  }

  /** Applies a change and moves the version on by one. */
  change(
    id: string,
    change: Prisma.ComplaintUncheckedUpdateInput,
    work: Work,
  ): Promise<ComplaintRow> {
    return this.prisma.within(work).complaint.update({
      where: { id },
      data: { ...change, version: { increment: 1 }, updatedAt: new Date() },
    });
  }

  /** Newest first, one row more than asked. */
  list(filter: ComplaintFilter, reach: Reach): Promise<ComplaintRow[]> {
    const page = keysetPage<Prisma.ComplaintWhereInput, Prisma.ComplaintOrderByWithRelationInput>(
      filter,
      'receivedAt',
      'desc',
      (value) => new Date(String(value)),
    );
    const where: Prisma.ComplaintWhereInput[] = [reachWhere(reach), page.after];
    if (filter.status) where.push({ status: filter.status });
    if (filter.severity) where.push({ severity: filter.severity });
    if (filter.customerId) where.push({ customerId: filter.customerId });
    if (filter.handlerId) where.push({ handlerId: filter.handlerId });
    if (filter.teamId) where.push({ teamId: filter.teamId });
    if (filter.breached !== undefined) {
      where.push(
        filter.breached
          ? { OR: [{ ackBreached: true }, { resolveBreached: true }] }
          : { ackBreached: false, resolveBreached: false },
      );
    }
    return this.prisma.complaint.findMany({
      where: { AND: where },
      orderBy: page.orderBy,
      take: page.take,
    });
  }

  /**
   * A complaint whose deadline has passed by the database clock (moved on by `offsetMs`, what a
   * test moved the service's clock by), not flagged yet and not waiting for a retry, locked for
   * this transaction: each breach is claimed by one instance, once.
   */
  async claimBreach(
    offsetMs: number,
    work: Work,
  ): Promise<{ id: string; deadline: Deadline } | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<{ id: string; deadline: Deadline }[]>(
      `SELECT id, CASE WHEN status = 'received' AND NOT "ackBreached"
                         AND "ackDueAt" <= now() + $1::float8 * interval '1 millisecond'
                       THEN 'ack' ELSE 'resolve' END AS deadline
         FROM complaint
        WHERE (("ackBreached" = false AND status = 'received'
                AND "ackDueAt" <= now() + $1::float8 * interval '1 millisecond')
            OR ("resolveBreached" = false AND "resolvedAt" IS NULL
                AND status IN ('received', 'acknowledged', 'investigating')
                AND "resolveDueAt" <= now() + $1::float8 * interval '1 millisecond'))
          AND ("breachRetryAt" IS NULL OR "breachRetryAt" <= now())
        ORDER BY LEAST("ackDueAt", "resolveDueAt")
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
      offsetMs,
    );
    return row ?? null;
  }

  /** A flagging that failed: the complaint waits for its next attempt, twice as long as the last. */
  breachFailed(id: string, error: string): Promise<number> {
    return this.prisma.$executeRawUnsafe(
      `UPDATE complaint SET "breachAttempts" = "breachAttempts" + 1, "breachError" = $2,
         "breachRetryAt" = now() + make_interval(
           secs => LEAST($3::float8 * power(2, "breachAttempts"), $4::float8))
       WHERE id = $1::uuid`,
      id,
      error.slice(0, 1000),
      RETRY_BASE_SECONDS,
      RETRY_CAP_SECONDS,
    );
  }

  /** Complaints waiting for `handlerId` to acknowledge or resolve them. */
  openOfHandler(handlerId: string): Promise<ComplaintRow[]> {
    return this.prisma.complaint.findMany({
      where: { handlerId, status: { in: ['received', 'acknowledged', 'investigating'] } },
      orderBy: { receivedAt: 'asc' },
      take: 200,
    });
  }

  /** Complaints of these teams waiting to be acknowledged or resolved, oldest first. */
  openOfTeams(teamIds: string[]): Promise<ComplaintRow[]> {
    if (teamIds.length === 0) return Promise.resolve([]);
    return this.prisma.complaint.findMany({
      where: {
        teamId: { in: teamIds },
        status: { in: ['received', 'acknowledged', 'investigating'] },
      },
      orderBy: { receivedAt: 'asc' },
      take: 200,
    });
  }

  /**
   * Complaints received in `[from, to)` within reach, counted by `group` in SQL: the number
   * received and how many breached each deadline.
   */
  async report(
    group: 'rootCause' | 'team' | 'severity',
    range: { from: Date; to: Date },
    reach: Reach,
    teamId: string | undefined,
  ): Promise<ReportCounts[]> {
    const column = {
      rootCause: `COALESCE("rootCauseCategory", 'unresolved')`,
      team: `"teamId"::text`,
      severity: 'severity',
    }[group];
    const values: unknown[] = [];
    const bind = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const conditions = [
      `"receivedAt" >= ${bind(range.from)}::timestamptz`,
      `"receivedAt" < ${bind(range.to)}::timestamptz`,
      reachSql(reach, (name) => `"${name}"`, bind),
    ];
    if (teamId) conditions.push(`"teamId" = ${bind(teamId)}::uuid`);
    const rows = await this.prisma.$queryRawUnsafe<
      { key: string; received: bigint; ackBreached: bigint; resolveBreached: bigint }[]
    >(
      `SELECT ${column} AS key, count(*) AS received,
              count(*) FILTER (WHERE "ackBreached") AS "ackBreached",
              count(*) FILTER (WHERE "resolveBreached") AS "resolveBreached"
         FROM complaint WHERE ${conditions.join(' AND ')}
        GROUP BY 1 ORDER BY 1`,
      ...values,
    );
    return rows.map((row) => ({
      key: row.key,
      received: Number(row.received),
      ackBreached: Number(row.ackBreached),
      resolveBreached: Number(row.resolveBreached),
    }));
  }
}

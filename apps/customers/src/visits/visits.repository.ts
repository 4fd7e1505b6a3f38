import { Inject, Injectable } from '@nestjs/common';

import type { ListVisitsQuery } from '@salesops/customers-contracts';
import { decodeCursor, sqlOf, type Work } from '@salesops/persistence';
import type { Reach } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import { notBackingOff, SHIFTED_NOW } from '../due-sweeps/due-item-kind';
import type { Prisma } from '../generated/prisma/client';

export type { Visit as VisitRow } from '../generated/prisma/client';

export interface NewVisit {
  id: string;
  customerId: string;
  memberId: string;
  teamId: string;
  purpose: string;
  keyPoints: string[];
  scheduledAt: Date;
  overdueAt: Date;
}

/** Visits are the member's: a rep reaches the visits they make, leaders their teams'. */
function reachWhere(reach: Reach): Prisma.VisitWhereInput {
  if ('all' in reach) return {};
  if ('teamIds' in reach) return { teamId: { in: reach.teamIds } };
  return { memberId: reach.ownerId ?? { in: [] } };
}

@Injectable()
export class VisitsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(visit: NewVisit, work?: Work) {
    return this.prisma.within(work).visit.create({ data: { ...visit, status: 'planned' } });
  }

  findById(id: string, work?: Work) {
    return this.prisma.within(work).visit.findUnique({ where: { id } });
  }

  /** Newest time first, one row more than asked. */
  list(query: ListVisitsQuery, reach: Reach) {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    return this.prisma.visit.findMany({
      where: {
        AND: [
          reachWhere(reach),
          after
            ? {
                OR: [
                  { scheduledAt: { lt: new Date(String(after.v)) } },
                  { scheduledAt: new Date(String(after.v)), id: { lt: after.id } },
                ],
              }
            : {},
        ],
        ...(query.customerId ? { customerId: query.customerId } : {}),
        ...(query.memberId ? { memberId: query.memberId } : {}),
        ...(query.teamId ? { teamId: query.teamId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.overdue ? { overdue: query.overdue === 'true' } : {}),
      },
      orderBy: [{ scheduledAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
  }

  /**
   * Ends a planned visit at the version the rules were checked on: false when it was no longer
   * planned at that version (a concurrent change).
   */
  async end(
    current: { id: string; version: number },
    change:
      | { status: 'completed'; summary: object; outcome: string; completedAt: Date }
      | { status: 'cancelled'; cancelReason: string; cancelledAt: Date },
    work: Work,
  ): Promise<boolean> {
    const { count } = await this.prisma.within(work).visit.updateMany({
      where: { id: current.id, version: current.version, status: 'planned' },
      data: { ...change, version: { increment: 1 } },
    });
    return count > 0;
  }

  /** A planned visit past its overdue time (the shifted database clock), not flagged yet, locked. */
  async claimOverdue(offsetMs: number, work: Work): Promise<string | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM visit
       WHERE status = 'planned' AND overdue = false AND "overdueAt" <= ${SHIFTED_NOW}
         AND ${notBackingOff('visit-overdue', 'visit.id::text')}
       ORDER BY "overdueAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      offsetMs,
    );
    return row?.id ?? null;
  }

  markOverdue(id: string, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE visit SET overdue = true WHERE id = $1::uuid AND status = 'planned'`,
      id,
    );
  }

  /** Planned visits flagged overdue: a member's own, or (for leaders) those of some teams. */
  overdue(
    who: { memberId: string } | { teamIds: string[] } | { all: true },
  ): Promise<{ id: string; memberId: string; customerName: string; overdueAt: Date }[]> {
    const [condition, value]: [string, unknown] =
      'memberId' in who
        ? [`v."memberId" = $1::uuid`, who.memberId]
        : 'teamIds' in who
          ? [`v."teamId" = ANY($1::uuid[])`, who.teamIds]
          : [`$1::int = 1`, 1];
    return this.prisma.$queryRawUnsafe(
      `SELECT v.id, v."memberId", c.name AS "customerName", v."overdueAt" FROM visit v
       JOIN customer c ON c.id = v."customerId"
       WHERE v.status = 'planned' AND v.overdue AND ${condition}
       ORDER BY v."overdueAt" LIMIT 200`,
      value,
    );
  }
}

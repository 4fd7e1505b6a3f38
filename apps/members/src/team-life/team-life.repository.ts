import { Inject, Injectable } from '@nestjs/common';

import { assertVersionedUpdate, decodeCursor } from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import { PrismaService, type Tx } from '../database/prisma.service';
import type {
  LeaveRequest as LeaveRow,
  Meeting as MeetingRow,
  Prisma,
} from '../generated/prisma/client';

type Keyset = { limit: number; cursor?: string };

/** Newest first, keyset on (createdAt, id). */
function keysetWhere(query: Keyset) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (!after) return {};
  const at = new Date(String(after.v));
  return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: after.id } }] };
}

/** Leave requests and team meetings: the team's daily management. */
@Injectable()
export class TeamLifeRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  /**
   * Whether the member has pending or approved leave on any day of the range; holds the member's
   * leave until the transaction ends, so two overlapping requests never both pass.
   */
  async hasLeaveOverlapping(
    memberId: string,
    startsOn: Date,
    endsOn: Date,
    tx: Tx,
  ): Promise<boolean> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`leave:${memberId}`}, 0))`;
    const overlapping = await tx.leaveRequest.count({
      where: {
        memberId,
        status: { in: ['pending', 'approved'] },
        startsOn: { lte: endsOn },
        endsOn: { gte: startsOn },
      },
    });
    return overlapping > 0;
  }

  createLeave(data: Prisma.LeaveRequestUncheckedCreateInput, tx: Tx): Promise<LeaveRow> {
    return tx.leaveRequest.create({ data });
  }

  findLeave(id: string): Promise<LeaveRow | null> {
    return this.prisma.leaveRequest.findUnique({ where: { id } });
  }

  async decideLeave(
    id: string,
    expectedVersion: number,
    change: { status: string; decidedBy: string; rejectionReason?: string | null },
  ): Promise<LeaveRow> {
    const { count } = await this.prisma.leaveRequest.updateMany({
      where: { id, version: expectedVersion, status: 'pending' },
      data: { ...change, version: { increment: 1 } },
    });
    const row = await this.findLeave(id);
    assertVersionedUpdate(count, row !== null, new DomainError('LEAVE_REQUEST_NOT_FOUND'));
    return row as LeaveRow;
  }

  listLeave(
    query: Keyset & { memberId?: string; status?: string },
    reach: Prisma.LeaveRequestWhereInput,
  ): Promise<LeaveRow[]> {
    return this.prisma.leaveRequest.findMany({
      where: {
        AND: [
          reach,
          query.memberId ? { memberId: query.memberId } : {},
          query.status ? { status: query.status } : {},
          keysetWhere(query),
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
  }

  /** Approved leave that has begun and is not announced yet, locked for this transaction. */
  claimStartedLeave(today: Date, limit: number, tx: Tx): Promise<{ id: string }[]> {
    return tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM leave_request
        WHERE status = 'approved' AND "startsOn" <= $1 AND "startAnnouncedAt" IS NULL
        ORDER BY "startsOn"
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      today,
      limit,
    );
  }

  markStartAnnounced(id: string, at: Date, tx: Tx): Promise<LeaveRow> {
    return tx.leaveRequest.update({ where: { id }, data: { startAnnouncedAt: at } });
  }

  createMeeting(data: Prisma.MeetingUncheckedCreateInput, tx: Tx): Promise<MeetingRow> {
    return tx.meeting.create({ data });
  }

  listMeetings(
    query: Keyset & { teamId?: string; kind?: string },
    teamIds: string[] | null,
  ): Promise<MeetingRow[]> {
    return this.prisma.meeting.findMany({
      where: {
        AND: [
          teamIds === null ? {} : { teamId: { in: teamIds } },
          query.teamId ? { teamId: query.teamId } : {},
          query.kind ? { kind: query.kind } : {},
          keysetWhere(query),
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';

import {
  type Work,
  atVersion,
  versionedUpdate,
  type Keyset,
  newestFirst,
} from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import { notBackingOff } from '../sweeps/sweep-kind';
import type {
  LeaveRequest as LeaveRow,
  Meeting as MeetingRow,
  Prisma,
} from '../generated/prisma/client';

/** The rows this repository returns: what services work with, never Prisma's client. */
export type { LeaveRequest as LeaveRow, Meeting as MeetingRow } from '../generated/prisma/client';
/** Which leave requests a caller reaches, as the queries filter them. */
export type LeaveReach = Prisma.LeaveRequestWhereInput;

/** Leave requests and team meetings: the team's daily management. */
@Injectable()
export class TeamLifeRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * Whether the member has pending or approved leave on any day of the range; holds the member's
   * leave until the unit of work ends, so two overlapping requests never both pass.
   */
  async hasLeaveOverlapping(
    memberId: string,
    startsOn: Date,
    endsOn: Date,
    work: Work,
  ): Promise<boolean> {
    const tx = this.prisma.within(work);
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

  createLeave(data: Prisma.LeaveRequestUncheckedCreateInput, work: Work): Promise<LeaveRow> {
    const tx = this.prisma.within(work);
    return tx.leaveRequest.create({ data });
  }

  findLeaveWithin(id: string, reach: Prisma.LeaveRequestWhereInput): Promise<LeaveRow | null> {
    return this.prisma.leaveRequest.findFirst({ where: { AND: [{ id }, reach] } });
  }

  findMeetingWithin(id: string, teamIds: string[] | null): Promise<MeetingRow | null> {
    return this.prisma.meeting.findFirst({
      where: { id, ...(teamIds === null ? {} : { teamId: { in: teamIds } }) },
    });
  }

  findLeave(id: string): Promise<LeaveRow | null> {
    return this.prisma.leaveRequest.findUnique({ where: { id } });
  }

  async decideLeave(
    id: string,
    expectedVersion: number,
    change: { status: string; decidedBy: string; rejectionReason?: string | null },
  ): Promise<LeaveRow> {
    return versionedUpdate(
      new DomainError('LEAVE_REQUEST_NOT_FOUND'),
      () =>
        this.prisma.leaveRequest.updateMany(
          atVersion(id, expectedVersion, change, { status: 'pending' }),
        ),
      () => this.findLeave(id),
    );
  }

  listLeave(
    query: Keyset & { memberId?: string; status?: string },
    reach: Prisma.LeaveRequestWhereInput,
  ): Promise<LeaveRow[]> {
    const page = newestFirst<
      Prisma.LeaveRequestWhereInput,
      Prisma.LeaveRequestOrderByWithRelationInput
    >(query);
    return this.prisma.leaveRequest.findMany({
      where: {
        AND: [
          reach,
          query.memberId ? { memberId: query.memberId } : {},
          query.status ? { status: query.status } : {},
          page.after,
        ],
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }

  /**
   * Approved leave that has begun (by the database clock, shifted by a test's `offsetMs`, on the
   * company's day in `timeZone`) and is not announced yet, locked for this transaction.
   */
  async claimStartedLeave(timeZone: string, offsetMs: number, work: Work): Promise<string | null> {
    const tx = this.prisma.within(work);
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM leave_request
        WHERE status = 'approved' AND "startsOn" <= ((now() + $2::float8 * interval '1 millisecond') AT TIME ZONE $1)::date AND "startAnnouncedAt" IS NULL
          AND ${notBackingOff('leave-started', 'leave_request.id')}
        ORDER BY "startsOn"
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
      timeZone,
      offsetMs,
    );
    return rows[0]?.id ?? null;
  }

  async markStartAnnounced(id: string, work: Work): Promise<LeaveRow> {
    const tx = this.prisma.within(work);
    await tx.$executeRawUnsafe(
      `UPDATE leave_request SET "startAnnouncedAt" = now(), "updatedAt" = now() WHERE id = $1::uuid`,
      id,
    );
    return (await tx.leaveRequest.findUnique({ where: { id } })) as LeaveRow;
  }

  createMeeting(data: Prisma.MeetingUncheckedCreateInput, work: Work): Promise<MeetingRow> {
    const tx = this.prisma.within(work);
    return tx.meeting.create({ data });
  }

  listMeetings(
    query: Keyset & { teamId?: string; kind?: string },
    teamIds: string[] | null,
  ): Promise<MeetingRow[]> {
    const page = newestFirst<Prisma.MeetingWhereInput, Prisma.MeetingOrderByWithRelationInput>(
      query,
    );
    return this.prisma.meeting.findMany({
      where: {
        AND: [
          teamIds === null ? {} : { teamId: { in: teamIds } },
          query.teamId ? { teamId: query.teamId } : {},
          query.kind ? { kind: query.kind } : {},
          page.after,
        ],
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }
}

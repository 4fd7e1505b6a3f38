import { Inject, Injectable } from '@nestjs/common';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import { appendToOutbox } from '@salesops/messaging';
import {
  type LeaveRequest,
  type Meeting,
  MembersEvents,
  MembersRpc,
} from '@salesops/members-contracts';
import { present, viewerOf } from '@salesops/policy';
import { runIdempotent, toPage, type Work, UnitOfWork, FieldCipher } from '@salesops/persistence';
import {
  DomainError,
  type IdentityClaims,
  type RpcReply,
  type RpcRequest,
  personOf,
} from '@salesops/rpc';

import { Reachable } from '../members/reachable';
import {
  type LeaveReach,
  type LeaveRow,
  type MeetingRow,
  TeamLifeRepository,
} from './team-life.repository';
import { canSeeMember } from '../members/member.presenter';
import { MembersRepository } from '../members/members.repository';
import type { SweepKind } from '../sweeps/sweep-kind';
import { visibleTeamIds } from '../teams/team-scope';

/** Leave requests (the leader approves, the member may cancel) and team meetings. */
@Injectable()
export class TeamLifeService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(Reachable) private readonly reach: Reachable,
    @Inject(TeamLifeRepository) private readonly teamLife: TeamLifeRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async requestLeave(
    request: RpcRequest<typeof MembersRpc.requestLeave>,
    identity: IdentityClaims,
  ): Promise<LeaveRequest> {
    const { input } = request;
    const memberId = input.memberId ?? identity.caller.memberId;
    if (!memberId) throw new DomainError('LEAVE_MEMBER_REQUIRED');
    const member = await this.reach.activeMember(memberId, identity);
    const scope = `${identity.caller.id}:${MembersRpc.requestLeave.subject}`;
    const [startsOn, endsOn] = [new Date(input.startsOn), new Date(input.endsOn)];
    const row = await this.unitOfWork.run((work) =>
      runIdempotent(
        work,
        { scope, key: request.idempotencyKey, request: input, cipher: this.cipher },
        async () => {
          const today = this.calendar.dayOf(this.clock.now());
          if (input.startsOn < today) {
            throw new DomainError('LEAVE_IN_PAST', undefined, { startsOn: input.startsOn, today });
          }
          if (await this.teamLife.hasLeaveOverlapping(member.id, startsOn, endsOn, work)) {
            throw new DomainError('LEAVE_OVERLAPS');
          }
          return toLeave(
            await this.teamLife.createLeave(
              {
                memberId: member.id,
                teamId: member.teamId,
                kind: input.kind,
                startsOn,
                endsOn,
                reason: input.reason,
                status: 'pending',
                requestedBy: personOf(identity),
              },
              work,
            ),
          );
        },
      ),
    );
    return presentLeave(row, identity);
  }

  async listLeave(
    query: RpcRequest<typeof MembersRpc.listLeaveRequests>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof MembersRpc.listLeaveRequests>> {
    const rows = await this.teamLife.listLeave(query, leaveReachOf(identity));
    const page = toPage(rows.map(toLeave), query.limit, (row) => row.createdAt);
    return { ...page, items: page.items.map((item) => presentLeave(item, identity)) };
  }

  /** One request, in the list's scope. */
  async getLeave(
    { id }: RpcRequest<typeof MembersRpc.getLeaveRequest>,
    identity: IdentityClaims,
  ): Promise<LeaveRequest> {
    const row = await this.teamLife.findLeaveWithin(id, leaveReachOf(identity));
    if (!row) throw new DomainError('LEAVE_REQUEST_NOT_FOUND');
    return presentLeave(toLeave(row), identity);
  }

  /**
   * A leader of the member (leave:approve, in scope, not the member) approves or rejects; the
   * member cancels their own. Only a pending request can be decided.
   */
  async decideLeave(
    request: RpcRequest<typeof MembersRpc.decideLeave>,
    identity: IdentityClaims,
  ): Promise<LeaveRequest> {
    // Outside the role, whichever request it names (security.md): 403 before any look-up.
    if (request.decision !== 'cancel' && !identity.permissions.includes('leave:approve')) {
      throw new DomainError('FORBIDDEN', 'Requires leave:approve');
    }
    const leave = await this.teamLife.findLeave(request.id);
    const member = leave && (await this.members.findById(leave.memberId));
    if (!leave || !member || !canSeeMember(member, identity)) {
      throw new DomainError('LEAVE_REQUEST_NOT_FOUND');
    }
    const own = identity.caller.memberId === leave.memberId;
    if (request.decision === 'cancel' ? !own : own) throw new DomainError('LEAVE_OWN_DECISION');
    if (leave.status !== 'pending') throw new DomainError('LEAVE_ALREADY_DECIDED');
    const status = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' }[
      request.decision
    ];
    const row = await this.teamLife.decideLeave(
      leave.id,
      request.expectedVersion ?? leave.version,
      { status, decidedBy: personOf(identity), rejectionReason: request.reason ?? null },
    );
    return presentLeave(toLeave(row), identity);
  }

  /** Approved leave that has begun on the company's day, announced once (members.leave.started). */
  readonly leaveSweep: SweepKind = {
    name: 'leave-started',
    claim: (work) =>
      this.teamLife.claimStartedLeave(this.calendar.timeZone, this.clock.offsetMs(), work),
    apply: (id, work) => this.announceLeaveStarted(id, work),
  };

  private async announceLeaveStarted(id: string, work: Work): Promise<void> {
    const leave = toLeave(await this.teamLife.markStartAnnounced(id, work));
    await appendToOutbox(work, MembersEvents.leaveStarted, leave.memberId, {
      leaveRequestId: leave.id,
      memberId: leave.memberId,
      teamId: leave.teamId,
      startsOn: leave.startsOn,
      endsOn: leave.endsOn,
    });
  }

  async recordMeeting(
    request: RpcRequest<typeof MembersRpc.recordMeeting>,
    identity: IdentityClaims,
  ): Promise<Meeting> {
    const teamId = request.input.teamId ?? identity.caller.teamId;
    if (!teamId) throw new DomainError('MEMBER_TEAM_NOT_FOUND', 'Name the team: you have none');
    const input = { ...request.input, teamId };
    await this.reach.team(input.teamId, identity);
    const scope = `${identity.caller.id}:${MembersRpc.recordMeeting.subject}`;
    const people = new Set([
      ...input.attendeeIds,
      ...input.actionItems.flatMap((item) => (item.ownerId ? [item.ownerId] : [])),
    ]);
    return this.unitOfWork.run((work) =>
      runIdempotent(
        work,
        { scope, key: request.idempotencyKey, request: input, cipher: this.cipher },
        async () => {
          const current = new Set(
            await this.members.currentOfTeam(input.teamId, [...people], work),
          );
          const strangers = [...people].filter((id) => !current.has(id));
          if (strangers.length > 0) {
            throw new DomainError('MEETING_PEOPLE_NOT_ON_TEAM', undefined, {
              memberIds: strangers,
            });
          }
          return toMeeting(
            await this.teamLife.createMeeting(
              {
                ...input,
                heldOn: new Date(input.heldOn),
                createdBy: personOf(identity),
              },
              work,
            ),
          );
        },
      ),
    );
  }

  async listMeetings(
    query: RpcRequest<typeof MembersRpc.listMeetings>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof MembersRpc.listMeetings>> {
    const rows = await this.teamLife.listMeetings(query, meetingTeamsOf(identity));
    return toPage(rows.map(toMeeting), query.limit, (row) => row.createdAt);
  }

  /** One meeting, of a team in the list's scope. */
  async getMeeting(
    { id }: RpcRequest<typeof MembersRpc.getMeeting>,
    identity: IdentityClaims,
  ): Promise<Meeting> {
    const row = await this.teamLife.findMeetingWithin(id, meetingTeamsOf(identity));
    if (!row) throw new DomainError('MEETING_NOT_FOUND');
    return toMeeting(row);
  }
}

/** The leave requests a caller reaches: all, their own, or their teams'. */
function leaveReachOf(identity: IdentityClaims): LeaveReach {
  const { scope } = identity;
  return scope.kind === 'company'
    ? {}
    : scope.kind === 'own'
      ? // A user of no member owns no leave ('' is no uuid: the query would fail).
        { memberId: { in: scope.memberId ? [scope.memberId] : [] } }
      : { teamId: { in: scope.kind === 'none' ? [] : scope.teamIds } };
}

/** The teams whose meetings a caller reads (null: every team). */
function meetingTeamsOf(identity: IdentityClaims): string[] | null {
  return identity.scope.kind === 'own'
    ? identity.caller.teamId
      ? [identity.caller.teamId]
      : []
    : visibleTeamIds(identity);
}

const dateOf = (value: Date) => value.toISOString().slice(0, 10);

function toLeave(row: LeaveRow): LeaveRequest {
  return {
    id: row.id,
    memberId: row.memberId,
    teamId: row.teamId,
    kind: row.kind as LeaveRequest['kind'],
    startsOn: dateOf(row.startsOn),
    endsOn: dateOf(row.endsOn),
    reason: row.reason,
    status: row.status as LeaveRequest['status'],
    decidedBy: row.decidedBy,
    rejectionReason: row.rejectionReason,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    teamId: row.teamId,
    kind: row.kind as Meeting['kind'],
    heldOn: dateOf(row.heldOn),
    attendeeIds: row.attendeeIds,
    notes: row.notes,
    casesShared: row.casesShared,
    actionItems: row.actionItems as Meeting['actionItems'],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

function presentLeave(leave: LeaveRequest, identity: IdentityClaims): LeaveRequest {
  return present(
    'leaveRequest',
    leave,
    viewerOf(identity, { teamId: leave.teamId, ownerId: leave.memberId }),
  ) as LeaveRequest;
}

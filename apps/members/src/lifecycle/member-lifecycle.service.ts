import { Inject, Injectable } from '@nestjs/common';

import { appendToOutbox } from '@salesops/messaging';
import {
  type Member,
  MembersEvents,
  MembersRpc,
  type ProbationCheckpoint,
  type ProbationReviewInput,
} from '@salesops/members-contracts';
import { PerformanceRpc } from '@salesops/performance-contracts';
import {
  type CallContext,
  DomainError,
  type IdentityClaims,
  RpcClient,
  type RpcRequest,
  personOf,
} from '@salesops/rpc';
import { TrainingRpc } from '@salesops/training-contracts';
import { type Work, UnitOfWork } from '@salesops/persistence';

import { requireAuthority } from '../members/authority';
import { toMember } from '../members/member.mapper';
import { presentMember } from '../members/member.presenter';
import {
  type MemberRow,
  MembersRepository,
  type StatusChange,
} from '../members/members.repository';
import { Reachable } from '../members/reachable';
import { DepartureSaga } from '../departures/departure-saga.service';
import type { SweepKind } from '../sweeps/sweep-kind';

/**
 * A member's way through the company after hiring: the probation review, transfers, and suspension
 * by HR (departures are the departure saga's).
 */
@Injectable()
export class MemberLifecycleService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(Reachable) private readonly reach: Reachable,
    @Inject(DepartureSaga) private readonly departures: DepartureSaga,
  ) {}

  /** The evidence for a probation review: onboarding certificates and probation KPIs. */
  async checkpoint(
    { id }: RpcRequest<typeof MembersRpc.probationCheckpoint>,
    context: CallContext,
  ): Promise<ProbationCheckpoint> {
    const row = await this.reach.member(id, context.identity);
    return this.gatherCheckpoint(row, context);
  }

  async reviewProbation(
    { id, expectedVersion, input }: RpcRequest<typeof MembersRpc.reviewProbation>,
    context: CallContext,
  ): Promise<Member> {
    const identity = context.identity as IdentityClaims;
    const current = await this.reach.member(id, identity);
    requireAuthority(identity, 'review-probation', current);
    if (current.status !== 'probation') throw new DomainError('MEMBER_NOT_IN_PROBATION');
    const change = probationOutcome(current, input);
    const checkpoint = await this.gatherCheckpoint(current, context);
    const row = await this.unitOfWork.run(async (work) => {
      const updated = await this.members.changeStatus(
        id,
        expectedVersion ?? current.version,
        change,
        work,
      );
      await this.members.recordProbationReview(
        {
          memberId: id,
          decision: input.decision,
          notes: input.notes,
          reviewerId: personOf(identity),
          checkpoint,
        },
        work,
      );
      if (input.decision === 'confirm') {
        await appendToOutbox(
          work,
          MembersEvents.memberConfirmed,
          id,
          {
            memberId: id,
            teamId: updated.teamId,
            confirmedAt: new Date().toISOString(),
          },
          updated.version,
        );
      }
      if (input.decision === 'terminate') await this.departures.announce(updated, work);
      return updated;
    });
    return presentMember(toMember(row), identity);
  }

  /** A change of team or position; the placement history keeps where the member was before. */
  async transfer(
    { id, expectedVersion, input }: RpcRequest<typeof MembersRpc.transferMember>,
    identity: IdentityClaims,
  ): Promise<Member> {
    const current = await this.reach.activeMember(id, identity);
    await this.reach.team(input.teamId, identity);
    requireAuthority(identity, 'transfer', current, [input.position]);
    const row = await this.unitOfWork.run(async (work) => {
      const moved = await this.members.transfer(
        id,
        expectedVersion ?? current.version,
        input,
        work,
      );
      await appendToOutbox(
        work,
        MembersEvents.memberTransferred,
        id,
        {
          memberId: id,
          fromTeamId: current.teamId,
          toTeamId: moved.teamId,
          position: moved.position as Member['position'],
          transferredAt: new Date().toISOString(),
        },
        moved.version,
      );
      return moved;
    });
    return presentMember(toMember(row), identity);
  }

  async placements(
    { id }: RpcRequest<typeof MembersRpc.memberPlacements>,
    identity: IdentityClaims,
  ) {
    await this.reach.member(id, identity);
    const rows = await this.members.placements(id);
    return {
      items: rows.map((row) => ({
        teamId: row.teamId,
        position: row.position as Member['position'],
        startedAt: row.startedAt.toISOString(),
        endedAt: row.endedAt?.toISOString() ?? null,
      })),
    };
  }

  /**
   * Announces each probation that ended without a review (members.probation.due), once, from the
   * end dates stored in the database, judged by its clock.
   */
  readonly probationSweep: SweepKind = {
    name: 'probation-due',
    claim: (work) => this.members.claimDueProbation(work),
    apply: (id, work) => this.announceProbationDue(id, work),
  };

  private async announceProbationDue(id: string, work: Work): Promise<void> {
    const member = (await this.members.markProbationDueAnnounced(id, work)) as MemberRow;
    await appendToOutbox(work, MembersEvents.probationDue, member.id, {
      memberId: member.id,
      teamId: member.teamId,
      probationEndsAt: (member.probationEndsAt as Date).toISOString(),
    });
  }

  /** The reason's text is kept with the suspension; the event says only its kind. */
  async suspend(
    { id, expectedVersion, input }: RpcRequest<typeof MembersRpc.suspendMember>,
    identity: IdentityClaims,
  ): Promise<Member> {
    const current = await this.reach.member(id, identity);
    requireAuthority(identity, 'suspend', current);
    if (current.status !== 'probation' && current.status !== 'active') {
      throw new DomainError('MEMBER_NOT_SUSPENDABLE', undefined, { status: current.status });
    }
    const row = await this.unitOfWork.run(async (work) => {
      const updated = await this.members.changeStatus(
        id,
        expectedVersion ?? current.version,
        { status: 'suspended', statusBeforeSuspension: current.status },
        work,
      );
      await this.members.recordSuspension(
        {
          memberId: id,
          kind: input.reasonKind,
          reason: input.reason,
          suspendedBy: personOf(identity),
        },
        work,
      );
      await appendToOutbox(
        work,
        MembersEvents.memberSuspended,
        id,
        {
          memberId: id,
          teamId: updated.teamId,
          suspendedAt: new Date().toISOString(),
          reasonKind: input.reasonKind,
        },
        updated.version,
      );
      return updated;
    });
    return presentMember(toMember(row), identity);
  }

  async reinstate(
    { id, expectedVersion }: RpcRequest<typeof MembersRpc.reinstateMember>,
    identity: IdentityClaims,
  ): Promise<Member> {
    const current = await this.reach.member(id, identity);
    requireAuthority(identity, 'reinstate', current);
    if (current.status !== 'suspended') throw new DomainError('MEMBER_NOT_SUSPENDED');
    const row = await this.unitOfWork.run(async (work) => {
      const updated = await this.members.changeStatus(
        id,
        expectedVersion ?? current.version,
        { status: current.statusBeforeSuspension ?? 'active', statusBeforeSuspension: null },
        work,
      );
      await this.members.endSuspension(id, work);
      await appendToOutbox(
        work,
        MembersEvents.memberReinstated,
        id,
        {
          memberId: id,
          teamId: updated.teamId,
          reinstatedAt: new Date().toISOString(),
          status: updated.status as 'probation' | 'active',
        },
        updated.version,
      );
      return updated;
    });
    return presentMember(toMember(row), identity);
  }

  private async gatherCheckpoint(
    member: MemberRow,
    context: CallContext,
  ): Promise<ProbationCheckpoint> {
    const to = member.probationEndsAt ?? new Date();
    const [onboarding, kpis] = await Promise.all([
      this.rpc
        .call(TrainingRpc.onboardingCheckpoint, { memberId: member.id }, context)
        .catch(() => ({ status: 'unavailable' as const })),
      this.rpc
        .call(
          PerformanceRpc.probationKpis,
          { memberId: member.id, from: member.hiredAt.toISOString(), to: to.toISOString() },
          context,
        )
        .catch(() => ({ status: 'unavailable' as const })),
    ]);
    return {
      memberId: member.id,
      probationEndsAt: member.probationEndsAt?.toISOString() ?? null,
      onboarding,
      kpis,
    };
  }
}

/** What a probation review decides, under the rules of domain.md §1. */
export function probationOutcome(member: MemberRow, input: ProbationReviewInput): StatusChange {
  switch (input.decision) {
    case 'confirm':
      return { status: 'active' };
    case 'extend': {
      if (member.probationExtended) throw new DomainError('PROBATION_ALREADY_EXTENDED');
      const until = new Date(input.probationEndsAt as string);
      if (member.probationEndsAt && until <= member.probationEndsAt) {
        throw new DomainError('PROBATION_END_NOT_LATER', undefined, {
          probationEndsAt: member.probationEndsAt.toISOString(),
        });
      }
      return { status: 'probation', probationEndsAt: until, probationExtended: true };
    }
    case 'terminate':
      return {
        status: 'departed',
        departedAt: new Date(),
        departureReason: `probation terminated: ${input.notes}`,
        departureKind: 'probation_failed',
      };
  }
}

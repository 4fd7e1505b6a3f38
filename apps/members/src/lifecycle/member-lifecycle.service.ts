import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { CustomersRpc } from '@salesops/customers-contracts';
import { appendToOutbox } from '@salesops/messaging';
import {
  type DepartInput,
  type DepartureKind,
  departureKindSchema,
  type Member,
  MembersEvents,
  type ProbationCheckpoint,
  type ProbationReviewInput,
  type SuspensionKind,
} from '@salesops/members-contracts';
import { OrdersRpc } from '@salesops/orders-contracts';
import { PerformanceRpc } from '@salesops/performance-contracts';
import {
  backgroundIdentity,
  type CallContext,
  DomainError,
  type IdentityClaims,
  RpcClient,
} from '@salesops/rpc';
import { personOf } from '../members/person-of';
import { LOGGER } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';
import { randomUUID } from 'node:crypto';

import type { Tx } from '../database/prisma.service';
import type { Member as MemberRow } from '../generated/prisma/client';
import { requireAuthority } from '../members/authority';
import { toMember } from '../members/member.mapper';
import { canSeeMember, presentMember } from '../members/member.presenter';
import { MembersRepository, type StatusChange } from '../members/members.repository';
import { Reachable } from '../members/reachable';
import { DeparturesRepository } from './departures.repository';
import { oneAtATime } from './one-at-a-time';

const TRANSPORT_FAILURES = new Set<string>(['SERVICE_UNAVAILABLE', 'SERVICE_TIMEOUT']);

/** Far longer than a departure request can take: a saga still handing over is one cut short. */
const ABANDONED_AFTER_MS = 2 * 60 * 1000;

/** A departure, from the route or from what caused it (a dismissal, a failed probation). */
export type Departure = Omit<DepartInput, 'reasonKind'> & { reasonKind: DepartureKind };

/** Who owns what a departing member hands over, in the order it is handed over. */
const HANDOVERS = [CustomersRpc.customers, OrdersRpc.openOrders];

/**
 * A member's way through the company after hiring: the probation review, suspension by HR, and
 * departure with the handover of their customers and open orders.
 */
@Injectable()
export class MemberLifecycleService {
  constructor(
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(Reachable) private readonly reach: Reachable,
    @Inject(DeparturesRepository) private readonly departures: DeparturesRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The evidence for a probation review: onboarding certificates and probation KPIs. */
  async checkpoint(id: string, context: CallContext): Promise<ProbationCheckpoint> {
    const row = await this.reach.member(id, context.identity);
    return this.gatherCheckpoint(row, context);
  }

  async reviewProbation(
    id: string,
    expectedVersion: number | null,
    input: ProbationReviewInput,
    context: CallContext,
  ): Promise<Member> {
    const identity = context.identity as IdentityClaims;
    const current = await this.reach.member(id, identity);
    requireAuthority(identity, 'review-probation', current);
    if (current.status !== 'probation') throw new DomainError('MEMBER_NOT_IN_PROBATION');
    const change = probationOutcome(current, input);
    const checkpoint = await this.gatherCheckpoint(current, context);
    const row = await this.members.transaction(async (tx) => {
      const updated = await this.members.changeStatus(
        id,
        expectedVersion ?? current.version,
        change,
        tx,
      );
      await this.members.recordProbationReview(
        {
          memberId: id,
          decision: input.decision,
          notes: input.notes,
          reviewerId: personOf(identity),
          checkpoint,
        },
        tx,
      );
      if (input.decision === 'confirm') {
        await appendToOutbox(tx, MembersEvents.memberConfirmed, id, {
          memberId: id,
          teamId: updated.teamId,
          confirmedAt: new Date().toISOString(),
        });
      }
      if (input.decision === 'terminate') await this.announceDeparture(updated, tx);
      return updated;
    });
    return presentMember(toMember(row), identity);
  }

  /** A change of team or position; the placement history keeps where the member was before. */
  async transfer(
    id: string,
    expectedVersion: number | null,
    input: { teamId: string; position: string },
    identity: IdentityClaims,
  ): Promise<Member> {
    const current = await this.reach.activeMember(id, identity);
    await this.reach.team(input.teamId, identity);
    requireAuthority(identity, 'transfer', current, [input.position]);
    const row = await this.members.transaction(async (tx) => {
      const moved = await this.members.transfer(id, expectedVersion ?? current.version, input, tx);
      await appendToOutbox(tx, MembersEvents.memberTransferred, id, {
        memberId: id,
        fromTeamId: current.teamId,
        toTeamId: moved.teamId,
        position: moved.position as Member['position'],
        transferredAt: new Date().toISOString(),
      });
      return moved;
    });
    return presentMember(toMember(row), identity);
  }

  async placements(id: string, identity: IdentityClaims) {
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
   * end dates stored in the database.
   */
  announceDueProbations(now: Date = new Date()): Promise<number> {
    return oneAtATime(() =>
      this.members.transaction(async (tx) => {
        const [due] = await this.members.claimDueProbations(now, 1, tx);
        if (!due) return false;
        const member = (await this.members.markProbationDueAnnounced(due.id, now, tx)) as MemberRow;
        await appendToOutbox(tx, MembersEvents.probationDue, member.id, {
          memberId: member.id,
          teamId: member.teamId,
          probationEndsAt: (member.probationEndsAt as Date).toISOString(),
        });
        return true;
      }),
    );
  }

  /** The reason's text is kept with the suspension; the event says only its kind. */
  async suspend(
    id: string,
    expectedVersion: number | null,
    input: { reason: string; reasonKind: SuspensionKind },
    identity: IdentityClaims,
  ): Promise<Member> {
    const current = await this.reach.member(id, identity);
    requireAuthority(identity, 'suspend', current);
    if (current.status !== 'probation' && current.status !== 'active') {
      throw new DomainError('MEMBER_NOT_SUSPENDABLE', undefined, { status: current.status });
    }
    const row = await this.members.transaction(async (tx) => {
      const updated = await this.members.changeStatus(
        id,
        expectedVersion ?? current.version,
        { status: 'suspended', statusBeforeSuspension: current.status },
        tx,
      );
      await this.members.recordSuspension(
        {
          memberId: id,
          kind: input.reasonKind,
          reason: input.reason,
          suspendedBy: personOf(identity),
        },
        tx,
      );
      await appendToOutbox(tx, MembersEvents.memberSuspended, id, {
        memberId: id,
        teamId: updated.teamId,
        suspendedAt: new Date().toISOString(),
        reasonKind: input.reasonKind,
      });
      return updated;
    });
    return presentMember(toMember(row), identity);
  }

  async reinstate(
    id: string,
    expectedVersion: number | null,
    identity: IdentityClaims,
  ): Promise<Member> {
    const current = await this.reach.member(id, identity);
    requireAuthority(identity, 'reinstate', current);
    if (current.status !== 'suspended') throw new DomainError('MEMBER_NOT_SUSPENDED');
    const row = await this.members.transaction(async (tx) => {
      const updated = await this.members.changeStatus(
        id,
        expectedVersion ?? current.version,
        { status: current.statusBeforeSuspension ?? 'active', statusBeforeSuspension: null },
        tx,
      );
      await this.members.endSuspension(id, tx);
      await appendToOutbox(tx, MembersEvents.memberReinstated, id, {
        memberId: id,
        teamId: updated.teamId,
        reinstatedAt: new Date().toISOString(),
      });
      return updated;
    });
    return presentMember(toMember(row), identity);
  }

  /**
   * Hands the member's customers and open orders to `handoverTo` in every owning service, then
   * departs them. A handover that fails is undone wherever it reached, so either all of it happens
   * or none of it does; the saga is recorded first, so one cut short (a revert that failed, a
   * process that stopped) is undone by the sweep. `alongside` runs in the departure's
   * transaction: what caused the departure (a dismissal's decision) is recorded with it or not at
   * all.
   */
  async depart(
    id: string,
    expectedVersion: number | null,
    input: Departure,
    context: CallContext,
    alongside?: (tx: Tx) => Promise<void>,
  ): Promise<Member> {
    const identity = context.identity as IdentityClaims;
    const current = await this.reach.activeMember(id, identity);
    requireAuthority(identity, 'depart', current);
    const target = input.handoverTo === id ? null : await this.members.findById(input.handoverTo);
    if (!target || target.status === 'departed' || !canSeeMember(target, identity)) {
      throw new DomainError('HANDOVER_TARGET_INVALID', undefined, {
        handoverTo: input.handoverTo,
      });
    }
    const version = expectedVersion ?? current.version;
    if (version !== current.version) throw new DomainError('VERSION_MISMATCH');
    const handoverId = randomUUID();
    await this.departures.start(handoverId, id);
    const attempted: (typeof HANDOVERS)[number][] = [];
    try {
      for (const owner of HANDOVERS) {
        // Counted before the call: one whose reply was lost may have happened all the same.
        attempted.push(owner);
        await this.rpc.call(
          owner.handOver,
          { handoverId, fromMemberId: id, toMemberId: target.id },
          context,
        );
      }
      const row = await this.members.transaction(async (tx) => {
        // The sweep may have taken over a saga that ran far too long: then it is being undone.
        if (!(await this.departures.complete(handoverId, tx))) {
          throw new DomainError('HANDOVER_FAILED');
        }
        const updated = await this.members.changeStatus(
          id,
          version,
          {
            status: 'departed',
            departedAt: new Date(),
            departureReason: input.reason,
            departureKind: input.reasonKind,
          },
          tx,
        );
        await this.announceDeparture(updated, tx);
        await alongside?.(tx);
        return updated;
      });
      return presentMember(toMember(row), identity);
    } catch (error) {
      await this.departures.markReverting(handoverId);
      const failed = await this.revert(attempted, handoverId, context);
      if (failed.length === 0) {
        await this.departures.markReverted(handoverId);
      } else {
        this.logger.warn(
          { handoverId, failed, requestId: context.requestId },
          'a departure handover could not be undone everywhere yet; the sweep will retry',
        );
      }
      throw error instanceof DomainError && !TRANSPORT_FAILURES.has(error.code)
        ? error
        : new DomainError('HANDOVER_FAILED');
    }
  }

  /**
   * Departures cut short, undone in every owning service in the members service's own name: those
   * whose revert failed, and those left half-way for longer than any request takes.
   */
  revertAbandonedHandovers(now: Date = new Date()): Promise<number> {
    const abandonedBefore = new Date(now.getTime() - ABANDONED_AFTER_MS);
    return oneAtATime(() =>
      this.departures.transaction(async (tx) => {
        const handoverId = await this.departures.claimToRevert(abandonedBefore, tx);
        if (!handoverId) return false;
        const failed = await this.revert(HANDOVERS, handoverId, {
          requestId: randomUUID(),
          identity: backgroundIdentity('members', ['members:depart']),
        });
        if (failed.length > 0) {
          throw new Error(`handover ${handoverId} not undone yet in ${failed.join(', ')}`);
        }
        await this.departures.markReverted(handoverId, tx);
        return true;
      }),
    );
  }

  /**
   * Undoes the handover in each of these services, each tried even when another fails (undoing a
   * handover that never happened changes nothing); the subjects that failed.
   */
  private async revert(
    owners: readonly (typeof HANDOVERS)[number][],
    handoverId: string,
    context: CallContext,
  ): Promise<string[]> {
    const failed: string[] = [];
    for (const owner of [...owners].reverse()) {
      await this.rpc
        .call(owner.revertHandover, { handoverId }, context)
        .catch(() => failed.push(owner.revertHandover.subject));
    }
    return failed;
  }

  private async announceDeparture(member: MemberRow, tx: Tx): Promise<void> {
    await appendToOutbox(tx, MembersEvents.memberDeparted, member.id, {
      memberId: member.id,
      teamId: member.teamId,
      departedAt: (member.departedAt ?? new Date()).toISOString(),
      reasonKind: departureKindSchema.catch('other').parse(member.departureKind),
    });
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

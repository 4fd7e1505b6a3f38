import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

import { CustomersRpc } from '@salesops/customers-contracts';
import { appendToOutbox } from '@salesops/messaging';
import {
  type DepartInput,
  type DepartureKind,
  departureKindSchema,
  type Member,
  MembersEvents,
  MembersRpc,
} from '@salesops/members-contracts';
import { OrdersRpc } from '@salesops/orders-contracts';
import {
  backgroundIdentity,
  type CallContext,
  DomainError,
  type IdentityClaims,
  RpcClient,
  type RpcRequest,
} from '@salesops/rpc';
import { LOGGER } from '@salesops/service-runtime';
import { type Work, UnitOfWork } from '@salesops/persistence';

import { requireAuthority } from '../members/authority';
import { toMember } from '../members/member.mapper';
import { canSeeMember, presentMember } from '../members/member.presenter';
import { type MemberRow, MembersRepository } from '../members/members.repository';
import { Reachable } from '../members/reachable';
import type { SweepKind } from '../sweeps/sweep-kind';
import { DeparturesRepository } from './departures.repository';

const TRANSPORT_FAILURES = new Set<string>(['SERVICE_UNAVAILABLE', 'SERVICE_TIMEOUT']);

/** Far longer than a departure request can take: a saga still handing over is one cut short. */
const ABANDONED_AFTER_SECONDS = 2 * 60;

/** A departure, from the route or from what caused it (a dismissal, a failed probation). */
export type Departure = Omit<DepartInput, 'reasonKind'> & { reasonKind: DepartureKind };

export type DepartRequest = Omit<RpcRequest<typeof MembersRpc.departMember>, 'input'> & {
  input: Departure;
};

/** Who owns what a departing member hands over, in the order it is handed over. */
const HANDOVERS = [CustomersRpc.customers, OrdersRpc.openOrders];

/**
 * A departure: the member's customers and open orders handed over in every owning service, then
 * the member departed; all of it or none of it.
 */
@Injectable()
export class DepartureSaga {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(Reachable) private readonly reach: Reachable,
    @Inject(DeparturesRepository) private readonly departures: DeparturesRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Hands the member's customers and open orders to `handoverTo` in every owning service, then
   * departs them. A handover that fails is undone wherever it reached, so either all of it happens
   * or none of it does; the saga is recorded first, so one cut short (a revert that failed, a
   * process that stopped) is undone by the sweep. `alongside` runs in the departure's
   * transaction: what caused the departure (a dismissal's decision) is recorded with it or not at
   * all.
   */
  async depart(
    { id, expectedVersion, input }: DepartRequest,
    context: CallContext,
    alongside?: (work: Work) => Promise<void>,
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
      const row = await this.unitOfWork.run(async (work) => {
        // The sweep may have taken over a saga that ran far too long: then it is being undone.
        if (!(await this.departures.complete(handoverId, work))) {
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
          work,
        );
        await this.announce(updated, work);
        await alongside?.(work);
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
   * whose revert failed, and those left half-way for longer than any request takes (by the
   * database clock). One whose revert fails again is `reverting` from then on, whoever had it, and
   * is tried again after its backoff until it is undone.
   */
  readonly revertSweep: SweepKind = {
    name: 'departure-revert',
    claim: (work) => this.departures.claimToRevert(ABANDONED_AFTER_SECONDS, work),
    apply: (handoverId, work) => this.revertCutShort(handoverId, work),
    failed: (handoverId, work) => this.departures.markReverting(handoverId, work),
  };

  private async revertCutShort(handoverId: string, work: Work): Promise<void> {
    const failed = await this.revert(HANDOVERS, handoverId, {
      requestId: randomUUID(),
      identity: backgroundIdentity('members', ['members:depart']),
    });
    if (failed.length > 0) {
      throw new Error(`handover ${handoverId} not undone yet in ${failed.join(', ')}`);
    }
    await this.departures.markReverted(handoverId, work);
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

  /** Writes members.member.departed in the departure's transaction. */
  async announce(member: MemberRow, work: Work): Promise<void> {
    await appendToOutbox(
      work,
      MembersEvents.memberDeparted,
      member.id,
      {
        memberId: member.id,
        teamId: member.teamId,
        departedAt: (member.departedAt ?? new Date()).toISOString(),
        reasonKind: departureKindSchema.catch('other').parse(member.departureKind),
      },
      member.version,
    );
  }
}

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
  DEADLINE_MARGIN_MS,
  DomainError,
  type IdentityClaims,
  RpcClient,
  type RpcRequest,
  timeLeftMs,
} from '@salesops/rpc';
import { LOGGER } from '@salesops/service-runtime';
import {
  FieldCipher,
  isStatementTimeout,
  runIdempotent,
  type Work,
  UnitOfWork,
} from '@salesops/persistence';

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

/** How long the departure's transaction may stay open when no caller's deadline bounds it. */
const UNBOUNDED_TRANSACTION_MS = 30_000;

/** A departure, from the route or from what caused it (a dismissal, a failed probation). */
export type Departure = Omit<DepartInput, 'reasonKind'> & { reasonKind: DepartureKind };

export type DepartRequest = Omit<RpcRequest<typeof MembersRpc.departMember>, 'input'> & {
  input: Departure;
};

const outOfTime = () =>
  new DomainError(
    'DEADLINE_EXCEEDED',
    'The departure could not finish in the time the caller gave',
  );

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
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Hands the member's customers and open orders to `handoverTo` in every owning service, then
   * departs them. A handover that fails is undone wherever it reached, so either all of it happens
   * or none of it does; the saga is recorded first, so one cut short (a revert that failed, a
   * process that stopped) is undone by the sweep. `alongside` runs in the departure's
   * transaction: what caused the departure (a dismissal's decision) is recorded with it or not at
   * all.
   *
   * It finishes within the caller's deadline or not at all: every onward call and statement is
   * bounded by the time left, so the caller never gives up on a departure that then completes.
   * With an idempotency key, the key is claimed in a transaction held until the departure commits
   * in it: a retry waits for the first and gets its answer, and never starts a second saga.
   */
  async depart(
    request: DepartRequest,
    context: CallContext,
    alongside?: (work: Work) => Promise<void>,
  ): Promise<Member> {
    const { id, expectedVersion, input, idempotencyKey: key } = request;
    if (key === null) return this.departOnce(request, context, alongside);
    const identity = context.identity as IdentityClaims;
    return this.unitOfWork.run(
      (work) =>
        runIdempotent(
          work,
          {
            scope: `${identity.caller.id}:${MembersRpc.departMember.subject}`,
            key,
            request: { id, expectedVersion, input },
            cipher: this.cipher,
          },
          () => this.departOnce(request, context, alongside, work),
        ),
      { timeoutMs: this.transactionMs(context) },
    );
  }

  private async departOnce(
    { id, expectedVersion, input }: DepartRequest,
    context: CallContext,
    alongside?: (work: Work) => Promise<void>,
    claim?: Work,
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
    await this.departures
      .start(handoverId, id, this.statementBudgetMs(context))
      .catch((error: unknown) => {
        throw this.ranOut(context) || isStatementTimeout(error) ? outOfTime() : error;
      });
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
      const commit = async (work: Work) => {
        const budget = this.statementBudgetMs(context);
        if (budget !== undefined) await this.departures.boundStatements(budget, work);
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
      };
      const row = claim
        ? await commit(claim)
        : await this.unitOfWork.run(commit, { timeoutMs: this.transactionMs(context) });
      return presentMember(toMember(row), identity);
    } catch (error) {
      const ranOut = this.ranOut(context) || isStatementTimeout(error);
      await this.departures.markReverting(handoverId);
      // Bounded by the caller's deadline too: what is not undone in time, the sweep undoes.
      const failed = await this.revert(attempted, handoverId, context);
      if (failed.length === 0) {
        await this.departures.markReverted(handoverId);
      } else {
        this.logger.warn(
          { handoverId, failed, requestId: context.requestId },
          'a departure handover could not be undone everywhere yet; the sweep will retry',
        );
      }
      if (ranOut) throw outOfTime();
      throw error instanceof DomainError && !TRANSPORT_FAILURES.has(error.code)
        ? error
        : new DomainError('HANDOVER_FAILED');
    }
  }

  /**
   * How long one statement may take for the reply still to reach the caller in time; no bound
   * without a deadline.
   */
  private statementBudgetMs(context: CallContext): number | undefined {
    if (context.deadline === undefined) return undefined;
    const budget = Math.floor(timeLeftMs(context.deadline) - DEADLINE_MARGIN_MS);
    if (budget <= 0) throw outOfTime();
    return budget;
  }

  private ranOut(context: CallContext): boolean {
    return timeLeftMs(context.deadline) <= DEADLINE_MARGIN_MS;
  }

  private transactionMs(context: CallContext): number {
    const left = timeLeftMs(context.deadline);
    return Number.isFinite(left) ? Math.max(1, Math.ceil(left)) : UNBOUNDED_TRANSACTION_MS;
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

import { Inject, Injectable } from '@nestjs/common';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import {
  type Customer,
  CustomersEvents,
  CustomersRpc,
  type PoolEntry,
  type PoolReason,
  type PoolReport,
} from '@salesops/customers-contracts';
import { appendToOutbox } from '@salesops/messaging';
import { inScope, listContactOptionsOf } from '@salesops/policy';
import { toPage, UnitOfWork, type Work } from '@salesops/persistence';
import {
  DomainError,
  type IdentityClaims,
  personOf,
  type RpcReply,
  type RpcRequest,
} from '@salesops/rpc';

import { toCustomer } from '../customers/customer.mapper';
import { canSeeCustomer, presentCustomer } from '../customers/customer.presenter';
import type { CustomerRow } from '../customers/customers.repository';
import type { DueItemKind } from '../due-sweeps/due-item-kind';
import { OrganisationRepository } from '../organisation/organisation.repository';
import { teamSettingsOf } from '../organisation/team-settings';
import { POOLABLE_STAGES, PoolRepository, type PoolReach } from './pool.repository';

/** Who may hold customers taken from the pool: the sales line. */
const HOLDING_POSITIONS: readonly string[] = [
  'sales_rep',
  'vice_leader',
  'team_leader',
  'manager',
  'director',
];

/**
 * The public pool (domain.md §2): a customer with no follow-up for poolIdleDays or no stage
 * progress for poolStaleDays returns to its team's pool, its owner warned poolWarnDays before (a
 * task and an event); reps claim from it up to poolClaimCap open customers held, leaders assign
 * from it. Due times are stored per customer and claimed by the sweep on the company calendar.
 */
@Injectable()
export class PoolService {
  readonly warningSweep: DueItemKind;
  readonly recycleSweep: DueItemKind;

  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(PoolRepository) private readonly pool: PoolRepository,
    @Inject(OrganisationRepository) private readonly organisation: OrganisationRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    const prepare = async () => {
      await this.pool.schedule(this.calendar.timeZone);
    };
    this.warningSweep = {
      name: 'pool-warning',
      prepare,
      claim: (work) => this.pool.claimDueWarning(this.clock.offsetMs(), work),
      apply: (id, work) => this.warn(id, work),
    };
    this.recycleSweep = {
      name: 'pool-recycle',
      prepare,
      claim: (work) => this.pool.claimDueRecycle(this.clock.offsetMs(), work),
      apply: (id, work) => this.recycle(id, work),
    };
  }

  private async warn(id: string, work: Work): Promise<void> {
    const customer = await this.pool.customer(id, work);
    if (!customer?.poolDueAt) return;
    const at = this.clock.now();
    await this.pool.markWarned(id, at, work);
    await appendToOutbox(work, CustomersEvents.poolWarned, id, {
      customerId: id,
      ownerId: customer.ownerId,
      teamId: customer.teamId,
      reason: customer.poolReason === 'stale' ? 'stale' : 'idle',
      dueAt: customer.poolDueAt.toISOString(),
      warnedAt: at.toISOString(),
    });
  }

  private async recycle(id: string, work: Work): Promise<void> {
    const current = await this.pool.customer(id, work);
    if (!current) return;
    await this.toPool(current, (current.poolReason ?? 'idle') as PoolReason, 'system:pool', work);
  }

  /** The customer back in its team's pool, announced. */
  private async toPool(
    current: CustomerRow,
    reason: PoolReason,
    by: string,
    work: Work,
    note?: string,
  ): Promise<CustomerRow> {
    const at = this.clock.now();
    const row = await this.pool.recycle(current, reason, at, work, by, note);
    await appendToOutbox(
      work,
      CustomersEvents.poolRecycled,
      row.id,
      {
        customerId: row.id,
        ownerId: row.ownerId,
        teamId: row.teamId,
        version: row.version,
        fromOwnerId: current.ownerId,
        reason,
        recycledAt: at.toISOString(),
      },
      row.version,
    );
    return row;
  }

  /** The owner (or a leader in reach) gives an open customer back to its team's pool. */
  async release(
    { customerId, input }: RpcRequest<typeof CustomersRpc.releaseToPool>,
    identity: IdentityClaims,
  ): Promise<PoolEntry> {
    const row = await this.unitOfWork.run(async (work) => {
      const current = await this.pool.customer(customerId, work);
      if (!current || !canSeeCustomer(current, identity)) {
        throw new DomainError('CUSTOMER_NOT_FOUND');
      }
      if (current.pooledAt) throw new DomainError('POOL_CUSTOMER_IN_POOL');
      if (!POOLABLE_STAGES.includes(current.stage)) {
        throw new DomainError('CUSTOMER_STAGE_NOT_ALLOWED', undefined, { stage: current.stage });
      }
      return this.toPool(current, 'released', personOf(identity), work, input.reason);
    });
    return this.entryOf(row, identity, false);
  }

  async list(
    query: RpcRequest<typeof CustomersRpc.listPool>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof CustomersRpc.listPool>> {
    const options = listContactOptionsOf('customer', identity, query.contact);
    if (!options) throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
    const reach = poolReachOf(identity);
    const rows = await this.pool.list(reach, query);
    const page = toPage(rows, query.limit, (row) => row.pooledAt?.toISOString() ?? null);
    return {
      ...page,
      items: page.items.map((row) => this.entryOf(row, identity, options.maskContact)),
    };
  }

  private entryOf(row: CustomerRow, identity: IdentityClaims, maskContact: boolean): PoolEntry {
    return {
      customer: presentCustomer(toCustomer(row), identity, { maskContact }),
      pooledAt: (row.pooledAt ?? new Date(0)).toISOString(),
      fromOwnerId: row.pooledFrom,
      reason: row.poolReason as PoolReason | null,
    };
  }

  /** The caller takes a customer of their own team's pool, within the team's claim cap. */
  async claim(
    { customerId }: RpcRequest<typeof CustomersRpc.claimFromPool>,
    identity: IdentityClaims,
  ): Promise<Customer> {
    const memberId = identity.caller.memberId;
    const row = await this.unitOfWork.run(async (work) => {
      const pooled = await this.pooledInReach(customerId, identity, work);
      const owner = await this.holderOf(memberId, identity, work);
      if (owner.teamId !== pooled.teamId) throw new DomainError('CUSTOMER_NOT_FOUND');
      await this.pool.lockClaimsOf(owner.ownerId, work);
      const cap = teamSettingsOf(await this.organisation.team(pooled.teamId, work)).poolClaimCap;
      const held = await this.pool.heldBy(owner.ownerId, work);
      if (held >= cap) throw new DomainError('POOL_CLAIM_CAP_REACHED', undefined, { cap, held });
      return this.take(customerId, owner, 'claimed', identity, work);
    });
    return presentCustomer(toCustomer(row), identity);
  }

  /** A leader gives a customer of a pool they reach to a member of their reach. */
  async assign(
    { customerId, input }: RpcRequest<typeof CustomersRpc.assignFromPool>,
    identity: IdentityClaims,
  ): Promise<Customer> {
    const row = await this.unitOfWork.run(async (work) => {
      await this.pooledInReach(customerId, identity, work);
      const owner = await this.holderOf(input.ownerId, identity, work);
      await this.pool.lockClaimsOf(owner.ownerId, work);
      return this.take(customerId, owner, 'assigned', identity, work);
    });
    return presentCustomer(toCustomer(row), identity);
  }

  private async take(
    customerId: string,
    owner: { ownerId: string; teamId: string },
    how: 'claimed' | 'assigned',
    identity: IdentityClaims,
    work: Work,
  ): Promise<CustomerRow> {
    const at = this.clock.now();
    const by = personOf(identity);
    const row = await this.pool.takeFromPool(customerId, owner, how, by, at, work);
    if (!row) throw new DomainError('POOL_CUSTOMER_NOT_IN_POOL');
    await appendToOutbox(
      work,
      CustomersEvents.poolClaimed,
      customerId,
      {
        customerId,
        ownerId: row.ownerId,
        teamId: row.teamId,
        version: row.version,
        how,
        by,
        claimedAt: at.toISOString(),
      },
      row.version,
    );
    return row;
  }

  /**
   * A customer of a pool the caller reaches; one out of reach is not found, one that is not (or no
   * longer) pooled is a conflict.
   */
  private async pooledInReach(
    customerId: string,
    identity: IdentityClaims,
    work: Work,
  ): Promise<CustomerRow> {
    const row = await this.pool.customer(customerId, work);
    const reach = poolReachOf(identity);
    if (!row || ('teamIds' in reach && !reach.teamIds.includes(row.teamId))) {
      throw new DomainError('CUSTOMER_NOT_FOUND');
    }
    if (!row.pooledAt) throw new DomainError('POOL_CUSTOMER_NOT_IN_POOL');
    return row;
  }

  /** A current member of the sales line within the caller's reach, and their team. */
  private async holderOf(
    memberId: string | null,
    identity: IdentityClaims,
    work: Work,
  ): Promise<{ ownerId: string; teamId: string }> {
    if (!memberId) {
      throw new DomainError('CUSTOMER_OWNER_INVALID', 'Name the owner: the caller is no member');
    }
    const member = await this.organisation.member(memberId, work);
    const teamId =
      member?.teamId ?? (memberId === identity.caller.memberId ? identity.caller.teamId : null);
    if (
      !teamId ||
      member?.status === 'departed' ||
      (member && !HOLDING_POSITIONS.includes(member.position)) ||
      !inScope(identity.scope, { teamId, ownerId: memberId })
    ) {
      throw new DomainError('CUSTOMER_OWNER_INVALID', undefined, { ownerId: memberId });
    }
    return { ownerId: memberId, teamId };
  }

  /** The report of a team the caller reaches; a rep sees their own line. */
  async report(
    { teamId }: RpcRequest<typeof CustomersRpc.poolReport>,
    identity: IdentityClaims,
  ): Promise<PoolReport> {
    const reach = poolReachOf(identity);
    const reaches = 'all' in reach || reach.teamIds.includes(teamId);
    const team = reaches ? await this.organisation.team(teamId) : null;
    if (!team) throw new DomainError('CUSTOMER_TEAM_UNKNOWN', undefined, { teamId });
    const asOf = this.clock.now();
    const [reps, pooled] = await Promise.all([
      this.pool.report(teamId, asOf),
      this.pool.pooledIn(teamId, asOf),
    ]);
    const own = identity.scope.kind === 'own' ? identity.scope.memberId : undefined;
    return {
      teamId,
      asOf: asOf.toISOString(),
      pooled: pooled.pooled,
      oldestPooledDays: pooled.oldest,
      reps: own === undefined ? reps : reps.filter((rep) => rep.memberId === own),
    };
  }

  /** The caller's customers warned of a return to the pool, for their to-do list. */
  warnedFor(ownerId: string) {
    return this.pool.warnedFor(ownerId);
  }
}

/** The pools a caller reaches: their scope's teams, a rep their own team's. */
export function poolReachOf({ scope, caller }: IdentityClaims): PoolReach {
  switch (scope.kind) {
    case 'company':
      return { all: true };
    case 'team':
    case 'subtree':
      return { teamIds: scope.teamIds };
    case 'own':
      return { teamIds: caller.teamId ? [caller.teamId] : [] };
    case 'none':
      return { teamIds: [] };
  }
}

import { toMinor, fromMinor } from '@salesops/contract-kit';
import { Inject, Injectable } from '@nestjs/common';

import { type PerformanceRpc, type Target } from '@salesops/performance-contracts';
import { DomainError, type IdentityClaims, personOf, type RpcRequest } from '@salesops/rpc';
import { toPage, UnitOfWork } from '@salesops/persistence';

import { KpiRepository, type RosterRow } from '../scorecards/kpi.repository';
import { reaches } from '../scorecards/member-reach';
import { type TargetRow, TargetsRepository, type TargetValues } from './targets.repository';

const toTarget = (row: TargetRow): Target => ({
  id: row.id,
  period: row.period,
  memberId: row.memberId,
  teamId: row.teamId,
  salesAmount: fromMinor(row.salesAmount),
  newCustomers: row.newCustomers,
  ordersCompleted: row.ordersCompleted,
});

@Injectable()
export class TargetsService {
  constructor(
    @Inject(TargetsRepository) private readonly targets: TargetsRepository,
    @Inject(KpiRepository) private readonly kpis: KpiRepository,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(request: RpcRequest<typeof PerformanceRpc.listTargets>, identity: IdentityClaims) {
    const teams = request.teamId ? await this.kpis.subtreeOf(request.teamId) : null;
    const members = (await this.kpis.membersOf(teams)).filter(
      (member) =>
        reaches(identity, member) && (!request.memberId || member.memberId === request.memberId),
    );
    const teamIds = (teams ?? (await this.kpis.teams(null)).map((team) => team.teamId)).filter(
      (teamId) => this.reachesTeam(identity, teamId),
    );
    const rows = await this.targets.list(
      request.period,
      {
        memberIds: members.map((member) => member.memberId),
        teamIds: request.memberId ? [] : teamIds,
      },
      request,
    );
    return toPage(rows.map(toTarget), request.limit, () => null);
  }

  /**
   * Sets a member's or a team's target for a month; a team's may be split down to its current
   * members, evenly (cents left over go one each to the first) or by weights summing to 100, so
   * the members' targets always add up to the team's.
   */
  async put(request: RpcRequest<typeof PerformanceRpc.putTarget>, identity: IdentityClaims) {
    const input = request.input;
    if ((input.memberId === undefined) === (input.teamId === undefined)) {
      throw new DomainError('TARGET_SUBJECT_INVALID');
    }
    const values: TargetValues = {
      salesAmount: toMinor(input.salesAmount),
      newCustomers: input.newCustomers ?? null,
      ordersCompleted: input.ordersCompleted ?? null,
    };
    const by = personOf(identity);
    if (input.memberId) {
      if (input.memberId === identity.caller.memberId) {
        throw new DomainError('SELF_DECISION', 'Nobody sets their own target');
      }
      const member = await this.kpis.member(input.memberId);
      if (!member || !reaches(identity, member)) throw new DomainError('TARGET_SUBJECT_INVALID');
      if (input.split) throw new DomainError('TARGET_SPLIT_INVALID');
      const row = await this.unitOfWork.run((work) =>
        this.targets.put(
          { period: input.period, memberId: member.memberId, teamId: null },
          values,
          by,
          work,
        ),
      );
      return { items: [toTarget(row)] };
    }
    const teamId = input.teamId as string;
    if (!this.reachesTeam(identity, teamId)) throw new DomainError('TARGET_SUBJECT_INVALID');
    const members = input.split ? await this.kpis.membersOf([teamId]) : [];
    const shares = input.split ? splitOf(values, members, input.split) : [];
    const rows = await this.unitOfWork.run(async (work) => {
      const team = await this.targets.put(
        { period: input.period, memberId: null, teamId },
        values,
        by,
        work,
      );
      const split: TargetRow[] = [];
      for (const share of shares) {
        split.push(
          await this.targets.put(
            { period: input.period, memberId: share.memberId, teamId: null },
            share.values,
            by,
            work,
          ),
        );
      }
      return [team, ...split];
    });
    return { items: rows.map(toTarget) };
  }

  private reachesTeam(identity: IdentityClaims, teamId: string): boolean {
    const { scope } = identity;
    return scope.kind === 'company' || (scope.kind !== 'own' && scope.teamIds.includes(teamId));
  }
}

/** The team's target shared out: each amount in whole units of its kind, adding up exactly. */
export function splitOf(
  team: TargetValues,
  members: readonly RosterRow[],
  split: { mode: 'even' | 'weights'; weights?: Record<string, number> | undefined },
): { memberId: string; values: TargetValues }[] {
  if (members.length === 0) throw new DomainError('TARGET_SPLIT_INVALID');
  let weights: number[];
  if (split.mode === 'even') {
    weights = members.map(() => 1);
  } else {
    const given = split.weights ?? {};
    const known = new Set(members.map((member) => member.memberId));
    const total = Object.values(given).reduce((sum, weight) => sum + weight, 0);
    if (total !== 100 || Object.keys(given).some((memberId) => !known.has(memberId))) {
      throw new DomainError('TARGET_SPLIT_INVALID', undefined, { weightsTotal: total });
    }
    weights = members.map((member) => given[member.memberId] ?? 0);
  }
  const sales = shareOut(team.salesAmount, weights);
  const leads = team.newCustomers === null ? null : shareOut(BigInt(team.newCustomers), weights);
  const orders =
    team.ordersCompleted === null ? null : shareOut(BigInt(team.ordersCompleted), weights);
  return members.map((member, index) => ({
    memberId: member.memberId,
    values: {
      salesAmount: sales[index] as bigint,
      newCustomers: leads ? Number(leads[index]) : null,
      ordersCompleted: orders ? Number(orders[index]) : null,
    },
  }));
}

/** Largest-remainder apportionment of `total` by `weights`: the parts add up to the total. */
export function shareOut(total: bigint, weights: readonly number[]): bigint[] {
  const sum = BigInt(weights.reduce((acc, weight) => acc + weight, 0));
  const parts = weights.map((weight) => (total * BigInt(weight)) / sum);
  let left = total - parts.reduce((acc, part) => acc + part, 0n);
  const order = weights
    .map((weight, index) => ({ index, remainder: (total * BigInt(weight)) % sum }))
    .sort((a, b) =>
      b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index,
    );
  for (const { index } of order) {
    if (left <= 0n) break;
    if ((weights[index] ?? 0) === 0) continue;
    parts[index] = (parts[index] as bigint) + 1n;
    left -= 1n;
  }
  return parts;
}

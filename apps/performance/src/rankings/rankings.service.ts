import { toMinor } from '@salesops/contract-kit';
import { Inject, Injectable } from '@nestjs/common';

import { appendToOutbox } from '@salesops/messaging';
import {
  PerformanceEvents,
  type PerformanceRpc,
  type Ranking,
} from '@salesops/performance-contracts';
import { UnitOfWork } from '@salesops/persistence';
import { visibilityOf } from '@salesops/policy';
import { DomainError, type IdentityClaims, personOf, type RpcRequest } from '@salesops/rpc';

import { KpiRepository } from '../scorecards/kpi.repository';
import { windowOf } from '../scorecards/period-window';
import { ScorecardsService } from '../scorecards/scorecards.service';
import { TargetsRepository } from '../targets/targets.repository';

type Entry = Ranking['entries'][number];

/**
 * Live rankings, read from the facts as they are: members by a KPI or their score, teams by sales
 * against target. Names and values only; ties share a rank (1, 1, 3).
 */
@Injectable()
export class RankingsService {
  constructor(
    @Inject(KpiRepository) private readonly kpis: KpiRepository,
    @Inject(ScorecardsService) private readonly scorecards: ScorecardsService,
    @Inject(TargetsRepository) private readonly targets: TargetsRepository,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Publishes the live ranking as the caller sees it, for the departments that subscribe; never
   * by profit, which the event would carry to subscribers not cleared for it.
   */
  async publish(
    request: RpcRequest<typeof PerformanceRpc.publishRanking>,
    identity: IdentityClaims,
  ): Promise<Ranking> {
    if (request.metric === 'profit') throw new DomainError('KPI_FINANCIAL_FORBIDDEN');
    const ranking = await this.ranking(request, identity);
    await this.unitOfWork.run((work) =>
      appendToOutbox(
        work,
        PerformanceEvents.rankingPublished,
        `${ranking.period}:${ranking.metric}:${ranking.scope}:${ranking.teamId ?? 'company'}`,
        { ...ranking, publishedBy: personOf(identity), publishedAt: new Date().toISOString() },
      ),
    );
    return ranking;
  }

  async ranking(
    request: RpcRequest<typeof PerformanceRpc.ranking>,
    identity: IdentityClaims,
  ): Promise<Ranking> {
    const teamId = request.scope === 'company' ? null : (request.teamId ?? identity.caller.teamId);
    if (request.scope !== 'company' && !teamId) throw new DomainError('RANKING_TEAM_REQUIRED');
    const teams =
      teamId === null
        ? null
        : request.scope === 'team'
          ? [teamId]
          : await this.kpis.subtreeOf(await this.kpis.departmentOf(teamId));
    if (request.metric === 'profit' && !this.seesProfitOf(identity, teams)) {
      throw new DomainError('KPI_FINANCIAL_FORBIDDEN');
    }
    const entries =
      request.metric === 'teamSalesVsTarget'
        ? await this.teamsBySales(teams, request.period)
        : await this.membersBy(request.metric, teams, request.period);
    return {
      period: request.period,
      metric: request.metric,
      scope: request.scope,
      teamId,
      entries: ranked(entries),
    };
  }

  private seesProfitOf(identity: IdentityClaims, teams: readonly string[] | null): boolean {
    const inScope =
      identity.scope.kind === 'company' ||
      (teams !== null && teams.every((team) => identity.scope.teamIds.includes(team)));
    const viewer = { roles: identity.caller.roles, isOwner: false, inScope, sameTeam: false };
    return visibilityOf({ class: 'financial' }, viewer) === 'clear';
  }

  private async membersBy(metric: string, teams: readonly string[] | null, period: string) {
    const members = await this.kpis.membersOf(teams);
    const cards = await this.scorecards.scorecardsOf(members, period, null);
    return cards.map((card) => ({
      memberId: card.memberId,
      name: card.name,
      value: metric === 'score' ? card.score : (card.kpis[metric] ?? null),
    }));
  }

  private async teamsBySales(teams: readonly string[] | null, period: string) {
    const window = windowOf(period);
    const [known, sales, targets] = await Promise.all([
      this.kpis.teams(teams),
      this.kpis.teamSales(teams, window.from, window.to),
      this.targets.ofTeams(teams, window.from, window.to),
    ]);
    const salesOf = new Map(sales.map((row) => [row.teamId, row.sales]));
    return known.map((team) => {
      const target = targets.get(team.teamId);
      const value =
        target && target > 0n
          ? Math.round((Number(salesOf.get(team.teamId) ?? 0n) * 10000) / Number(target)) / 100
          : null;
      return { teamId: team.teamId, name: team.name, value };
    });
  }
}

/** Highest first; entries without a value are left out; equal values share the rank. */
export function ranked(entries: readonly Omit<Entry, 'rank'>[]): Entry[] {
  const valued = entries
    .filter((entry) => entry.value !== null && entry.value !== 'pending')
    .map((entry) => ({ entry, key: sortKeyOf(entry.value as number | string) }))
    .sort((a, b) => b.key - a.key);
  return valued.map(({ entry, key }, index) => ({
    rank: valued.findIndex((other) => other.key === key) + 1 || index + 1,
    ...entry,
  }));
}

const sortKeyOf = (value: number | string) =>
  typeof value === 'number' ? value : Number(toMinor(value));

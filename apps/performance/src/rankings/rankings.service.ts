import { toMinor } from '@salesops/contract-kit';
import { Inject, Injectable } from '@nestjs/common';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import { appendToOutbox } from '@salesops/messaging';
import {
  type KpiKey,
  PerformanceEvents,
  PerformanceRpc,
  type Ranking,
  RANKING_METRICS,
} from '@salesops/performance-contracts';
import { applyEachClaimed, UnitOfWork, type Work } from '@salesops/persistence';
import { visibilityOf } from '@salesops/policy';
import { DomainError, type IdentityClaims, personOf, type RpcRequest } from '@salesops/rpc';
import { EncodedReply } from '@salesops/service-runtime';

import { KpiRepository } from '../scorecards/kpi.repository';
import { kpiValuesOf, METRICS_OF } from '../scorecards/kpi-values';
import { windowOf } from '../scorecards/period-window';
import { ScorecardsService } from '../scorecards/scorecards.service';
import { TargetsRepository } from '../targets/targets.repository';
import { RankingCache } from './ranking-cache';
import { RankingInputsRepository } from './ranking-inputs.repository';
import { type RankingKey, RankingsRepository } from './rankings.repository';

type Entry = Ranking['entries'][number];

/** Who publishes the rankings frozen at a month's end. */
export const PERIOD_END_PUBLISHER = 'system:period-end';

/**
 * Live rankings, read from the facts as they are: members by a KPI or their score, teams by sales
 * against target. Names and values only; ties share a rank (1, 1, 3). A ranking by one KPI is
 * computed once per version of the facts and roster it is made of (`RankingCache`).
 */
@Injectable()
export class RankingsService {
  private readonly cache = new RankingCache<EncodedReply<Ranking>>();

  constructor(
    @Inject(KpiRepository) private readonly kpis: KpiRepository,
    @Inject(ScorecardsService) private readonly scorecards: ScorecardsService,
    @Inject(TargetsRepository) private readonly targets: TargetsRepository,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(RankingsRepository) private readonly rankings: RankingsRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(RankingInputsRepository) private readonly inputs: RankingInputsRepository,
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
    const ranking = (await this.ranking(request, identity)).value;
    await this.unitOfWork.run((work) =>
      appendToOutbox(
        work,
        PerformanceEvents.rankingPublished,
        `${ranking.period}:${ranking.metric}:${ranking.scope}:${ranking.teamId ?? 'company'}`,
        {
          period: ranking.period,
          metric: ranking.metric,
          scope: ranking.scope,
          teamId: ranking.teamId,
          entries: ranking.entries,
          publishedBy: personOf(identity),
          publishedAt: new Date().toISOString(),
        },
      ),
    );
    return ranking;
  }

  /**
   * The live ranking, or for a month whose end has passed the one frozen then; encoded once, as a
   * cached one is answered again as it is.
   */
  async ranking(
    request: RpcRequest<typeof PerformanceRpc.ranking>,
    identity: IdentityClaims,
  ): Promise<EncodedReply<Ranking>> {
    const teamId = request.scope === 'company' ? null : (request.teamId ?? identity.caller.teamId);
    if (request.scope !== 'company' && !teamId) throw new DomainError('RANKING_TEAM_REQUIRED');
    const scopeTeamId =
      teamId === null || request.scope === 'team' ? teamId : await this.kpis.departmentOf(teamId);
    const teams = scopeTeamId === null ? null : await this.teamsOf(request.scope, scopeTeamId);
    if (request.metric === 'profit' && !this.seesProfitOf(identity, teams)) {
      throw new DomainError('KPI_FINANCIAL_FORBIDDEN');
    }
    const key = { period: request.period, metric: request.metric, scope: request.scope };
    const frozen = await this.rankings.snapshot({ ...key, scopeTeamId });
    if (frozen) {
      return EncodedReply.of(PerformanceRpc.ranking, {
        ...key,
        teamId,
        entries: frozen.entries,
        frozenAt: frozen.frozenAt.toISOString(),
      });
    }
    const live = async () =>
      EncodedReply.of(PerformanceRpc.ranking, {
        ...key,
        teamId,
        entries: (await this.entriesOf([request.metric], teams, request.period))[0]?.entries ?? [],
        frozenAt: null,
      });
    if (request.metric === 'score' || request.metric === 'teamSalesVsTarget') return live();
    return this.cachedLive(`${key.period} ${key.metric} ${key.scope} ${teamId ?? ''}`, live);
  }

  /**
   * A ranking by one KPI again while the facts, roster and teams stand as when it was computed
   * (the version is read before it is: a change meanwhile moves it, so it is not kept past that).
   * By score or against target it is computed each time: targets and schemes change those.
   */
  private async cachedLive(
    key: string,
    compute: () => Promise<EncodedReply<Ranking>>,
  ): Promise<EncodedReply<Ranking>> {
    const version = await this.inputs.version();
    const cached = this.cache.get(key, version);
    if (cached) return cached;
    const ranking = await compute();
    this.cache.set(key, version, ranking);
    return ranking;
  }

  /**
   * Freezes the rankings of each month whose end (company calendar) is due, once, whichever
   * instance claims it: every metric, for the company, each team and each department, as the facts
   * stand; the company's (never by profit) are published as `performance.ranking.published`.
   * Facts of the month arriving later change the live figures, not the frozen ranking.
   */
  async freezeDuePeriods(): Promise<string[]> {
    const month = this.calendar.monthOf(this.clock.now());
    const end = this.calendar.monthRange(month).to;
    await this.unitOfWork.run((work) =>
      this.rankings.ensurePeriodEnds([{ period: month, dueAt: end }], work),
    );
    const { done } = await applyEachClaimed(this.unitOfWork, {
      claim: (work) => this.rankings.claimDuePeriodEnd(this.clock.offsetMs(), work),
      apply: async (period, work) => {
        await this.freeze(period, work);
        return period;
      },
    });
    return done;
  }

  private async freeze(period: string, work: Work) {
    const frozenAt = this.clock.now();
    const org = await this.rankings.orgTeams();
    const departments = new Set(
      await Promise.all(org.map((team) => this.kpis.departmentOf(team.teamId))),
    );
    const scopes: { scope: string; scopeTeamId: string | null }[] = [
      { scope: 'company', scopeTeamId: null },
      ...org.map((team) => ({ scope: 'team', scopeTeamId: team.teamId })),
      ...[...departments].map((teamId) => ({ scope: 'department', scopeTeamId: teamId })),
    ];
    const snapshots: { key: RankingKey; entries: Entry[] }[] = [];
    for (const { scope, scopeTeamId } of scopes) {
      const teams = scopeTeamId === null ? null : await this.teamsOf(scope, scopeTeamId);
      for (const { metric, entries } of await this.entriesOf(RANKING_METRICS, teams, period)) {
        snapshots.push({ key: { period, metric, scope, scopeTeamId }, entries });
      }
    }
    await this.rankings.saveSnapshots(snapshots, frozenAt, work);
    for (const { key, entries } of snapshots) {
      if (key.scope !== 'company' || key.metric === 'profit') continue;
      await appendToOutbox(
        work,
        PerformanceEvents.rankingPublished,
        `${period}:${key.metric}:company`,
        {
          period,
          metric: key.metric,
          scope: 'company',
          teamId: null,
          entries,
          publishedBy: PERIOD_END_PUBLISHER,
          publishedAt: frozenAt.toISOString(),
        },
      );
    }
    await this.rankings.markFrozen(period, frozenAt, work);
  }

  private teamsOf(scope: string, scopeTeamId: string): Promise<string[]> {
    return scope === 'team' ? Promise.resolve([scopeTeamId]) : this.kpis.subtreeOf(scopeTeamId);
  }

  /**
   * The ranked entries of each metric over the teams (every team with `null`): one KPI alone from
   * its own facts, several or the score from the members' scorecards.
   */
  private async entriesOf(
    metrics: readonly string[],
    teams: readonly string[] | null,
    period: string,
  ): Promise<{ metric: string; entries: Entry[] }[]> {
    const memberMetrics = metrics.filter((metric) => metric !== 'teamSalesVsTarget');
    const [only] = memberMetrics;
    const members =
      memberMetrics.length === 1 && only !== 'score'
        ? await this.byOneKpi(only as KpiKey, teams, period)
        : memberMetrics.length > 0
          ? await this.byScorecards(teams, period)
          : [];
    const teamEntries = metrics.includes('teamSalesVsTarget')
      ? await this.teamsBySales(teams, period)
      : [];
    return metrics.map((metric) => ({
      metric,
      entries: ranked(
        metric === 'teamSalesVsTarget'
          ? teamEntries
          : members.map((member) => ({
              memberId: member.memberId,
              name: member.name,
              value: member.valueOf(metric),
            })),
      ),
    }));
  }

  private async byOneKpi(kpi: KpiKey, teams: readonly string[] | null, period: string) {
    const rows = await this.kpis.scopeTotals(
      teams,
      windowOf(period),
      METRICS_OF[kpi],
      kpi === 'growthRate',
    );
    return rows.map(({ memberId, name, totals }) => {
      const value = kpiValuesOf(totals)[kpi];
      return { memberId, name, valueOf: () => value };
    });
  }

  private async byScorecards(teams: readonly string[] | null, period: string) {
    const cards = await this.scorecards.scorecardsOf(
      await this.kpis.membersOf(teams),
      period,
      null,
    );
    return cards.map((card) => ({
      memberId: card.memberId,
      name: card.name,
      valueOf: (metric: string) =>
        metric === 'score' ? card.score : (card.kpis[metric as KpiKey] ?? null),
    }));
  }

  private seesProfitOf(identity: IdentityClaims, teams: readonly string[] | null): boolean {
    const inScope =
      identity.scope.kind === 'company' ||
      (teams !== null && teams.every((team) => identity.scope.teamIds.includes(team)));
    const viewer = { roles: identity.caller.roles, isOwner: false, inScope, sameTeam: false };
    return visibilityOf({ class: 'financial' }, viewer) === 'clear';
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

/** Highest first; entries without a value are left out; equal values share the rank (1, 1, 3). */
export function ranked(entries: readonly Omit<Entry, 'rank'>[]): Entry[] {
  const valued = entries
    .filter((entry) => entry.value !== null && entry.value !== 'pending')
    .map((entry) => ({ entry, key: sortKeyOf(entry.value as number | string) }))
    .sort((a, b) => b.key - a.key);
  let rank = 0;
  return valued.map(({ entry, key }, index) => {
    if (index === 0 || valued[index - 1]?.key !== key) rank = index + 1;
    return { rank, ...entry };
  });
}

const sortKeyOf = (value: number | string) =>
  typeof value === 'number' ? value : Number(toMinor(value));

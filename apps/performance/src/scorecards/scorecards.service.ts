import { fromMinor, toMinor } from '@salesops/contract-kit';
import { Inject, Injectable } from '@nestjs/common';

import {
  type KpiKey,
  PROBATION_COUNT_KPIS,
  type PerformanceRpc,
  type ProbationKpis,
  type Scorecard,
} from '@salesops/performance-contracts';
import { present, visibilityOf } from '@salesops/policy';
import { DomainError, type IdentityClaims, type RpcRequest } from '@salesops/rpc';

import { SchemesService } from '../schemes/schemes.service';
import { TargetsRepository } from '../targets/targets.repository';
import { EMPTY_TOTALS, type KpiTotals, kpiValuesOf, METRICS_OF, MONEY_METRICS } from './kpi-values';
import { KpiRepository, type RosterRow } from './kpi.repository';
import { pageOfMembers } from './member-page';
import { reaches, requireReach, viewerOfMember } from './member-reach';
import { windowOf } from './period-window';
import { scoreOf } from './scoring';

@Injectable()
export class ScorecardsService {
  constructor(
    @Inject(KpiRepository) private readonly kpis: KpiRepository,
    @Inject(TargetsRepository) private readonly targets: TargetsRepository,
    @Inject(SchemesService) private readonly schemes: SchemesService,
  ) {}

  async scorecard(
    request: RpcRequest<typeof PerformanceRpc.scorecard>,
    identity: IdentityClaims,
  ): Promise<Scorecard> {
    const member = requireReach(identity, await this.kpis.member(request.memberId));
    const [card] = await this.scorecardsOf([member], request.period, identity);
    return card as Scorecard;
  }

  async scorecards(
    request: RpcRequest<typeof PerformanceRpc.scorecards>,
    identity: IdentityClaims,
  ): Promise<{ period: string; items: Scorecard[]; nextCursor: string | null }> {
    const teams = request.teamId ? await this.kpis.subtreeOf(request.teamId) : null;
    const members = (await this.kpis.membersOf(teams)).filter((member) =>
      reaches(identity, member),
    );
    const page = pageOfMembers(members, request);
    return {
      period: request.period,
      items: await this.scorecardsOf(page.items, request.period, identity),
      nextCursor: page.nextCursor,
    };
  }

  /** Scorecards of members the caller reaches, each KPI aggregated in SQL, profit by the policy. */
  async scorecardsOf(
    members: readonly RosterRow[],
    period: string,
    identity: IdentityClaims | null,
  ): Promise<Scorecard[]> {
    const window = windowOf(period);
    const ids = members.map((member) => member.memberId);
    const [totals, targets, weightsOf] = await Promise.all([
      this.kpis.totals(ids, window),
      this.targets.ofMembers(ids, window.from, window.to),
      this.schemes.weightsOf(),
    ]);
    const byMember = new Map(totals.map((row) => [row.memberId, row]));
    return members.map((member) => {
      const values = kpiValuesOf(byMember.get(member.memberId) ?? EMPTY_TOTALS(member.memberId));
      const target = targets.get(member.memberId) ?? null;
      const score = scoreOf(values, weightsOf(member.position), target);
      const kpis = identity
        ? present('scorecardKpis', values, viewerOfMember(identity, member))
        : values;
      return {
        memberId: member.memberId,
        name: member.name,
        teamId: member.teamId,
        position: member.position,
        period,
        kpis,
        lines: score.lines.filter((line) => line.key in kpis),
        target: target && {
          salesAmount: fromMinor(target.salesAmount),
          newCustomers: target.newCustomers,
          ordersCompleted: target.ordersCompleted,
        },
        score: score.score,
        partial: score.partial,
      };
    });
  }

  async sources(
    request: RpcRequest<typeof PerformanceRpc.scorecardSources>,
    identity: IdentityClaims,
  ) {
    const member = requireReach(identity, await this.kpis.member(request.memberId));
    if (
      request.kpi === 'profit' &&
      visibilityOf({ class: 'financial' }, viewerOfMember(identity, member)) !== 'clear'
    ) {
      throw new DomainError('KPI_FINANCIAL_FORBIDDEN');
    }
    const window = windowOf(request.period);
    const from = request.kpi === 'growthRate' ? window.previousFrom : window.from;
    const facts = await this.kpis.facts(member.memberId, METRICS_OF[request.kpi], from, window.to);
    const [card] = await this.scorecardsOf([member], request.period, identity);
    return {
      memberId: member.memberId,
      period: request.period,
      kpi: request.kpi,
      value: card?.kpis[request.kpi] ?? null,
      items: facts.map((fact) => ({
        eventId: fact.eventId,
        eventType: fact.eventType,
        metric: fact.metric,
        period: fact.period,
        teamId: fact.teamId,
        position: fact.position,
        value: MONEY_METRICS.has(fact.metric) ? fromMinor(BigInt(fact.value)) : Number(fact.value),
        sourceType: fact.sourceType,
        sourceId: fact.sourceId,
        sourceRef: fact.sourceRef,
        occurredAt: fact.occurredAt.toISOString(),
      })),
    };
  }

  /** The member's KPIs over their probation, against the floors their team set. */
  async probation(
    request: RpcRequest<typeof PerformanceRpc.probationKpis>,
  ): Promise<ProbationKpis> {
    const member = await this.kpis.member(request.memberId);
    if (!member) return { status: 'no_data' };
    const [totals] = await this.kpis.totals([member.memberId], {
      kind: 'span',
      from: new Date(request.from),
      to: new Date(request.to),
    });
    if (!totals) return { status: 'no_data' };
    const values = kpiValuesOf(totals);
    const floor = member.teamId ? await this.kpis.probationFloor(member.teamId) : null;
    const numeric = (key: KpiKey) => {
      const value = values[key];
      return typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : 0;
    };
    const salesFloor = floor === null ? 0n : toMinor(floor);
    return {
      status: 'available',
      from: request.from,
      to: request.to,
      kpis: [
        {
          name: 'salesAmount',
          value: fromMinor(totals.sales),
          floor: fromMinor(salesFloor),
          belowFloor: totals.sales < salesFloor,
        },
        ...PROBATION_COUNT_KPIS.filter((key) => values[key] !== null).map((key) => ({
          name: key,
          value: numeric(key),
          floor: 0,
          belowFloor: false,
        })),
      ],
    };
  }
}

export type { KpiTotals };

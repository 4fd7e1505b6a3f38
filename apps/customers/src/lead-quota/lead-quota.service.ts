import { Inject, Injectable } from '@nestjs/common';

import { CompanyCalendar } from '@salesops/calendar';
import { CustomersEvents, CustomersRpc, type LeadQuota } from '@salesops/customers-contracts';
import { appendToOutbox } from '@salesops/messaging';
import { applyEachClaimed, UnitOfWork, type Work } from '@salesops/persistence';
import { DomainError, type IdentityClaims, type RpcRequest } from '@salesops/rpc';

import { OrganisationRepository, type OrgTeamRow } from '../organisation/organisation.repository';
import { LeadQuotaRepository } from './lead-quota.repository';

/**
 * The weekly lead quota: leads registered per rep in a company-calendar week (by who registered
 * them, so a later transfer does not rewrite a past week), against the team's quota.
 */
@Injectable()
export class LeadQuotaService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(LeadQuotaRepository) private readonly quota: LeadQuotaRepository,
    @Inject(OrganisationRepository) private readonly organisation: OrganisationRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  /** The report of a team the caller reaches; a rep sees their own line and the team's total. */
  async report(
    { teamId, week }: RpcRequest<typeof CustomersRpc.leadQuota>,
    identity: IdentityClaims,
  ): Promise<LeadQuota> {
    const { scope, caller } = identity;
    const reaches =
      scope.kind === 'company' ||
      ((scope.kind === 'team' || scope.kind === 'subtree') && scope.teamIds.includes(teamId)) ||
      (scope.kind === 'own' && caller.teamId === teamId);
    const team = reaches ? await this.organisation.team(teamId) : null;
    if (!team) throw new DomainError('CUSTOMER_TEAM_UNKNOWN', undefined, { teamId });
    const asked = week ?? this.calendar.weekOf(new Date());
    // 2026-W53 exists, 2025-W53 does not: a week that is not its own year's is refused.
    if (this.calendar.weekOf(this.calendar.weekRange(asked).from) !== asked) {
      throw new DomainError('VALIDATION_FAILED', undefined, undefined, [
        { path: 'week', message: `${asked} is not a week of its year` },
      ]);
    }
    const report = await this.reportOf(team, asked);
    if (scope.kind !== 'own') return report;
    return { ...report, reps: report.reps.filter((rep) => rep.memberId === scope.memberId) };
  }

  private async reportOf(team: OrgTeamRow, week: string, work?: Work): Promise<LeadQuota> {
    const reps = await this.organisation.repsOf(team.teamId, work);
    const leads = await this.quota.leadsBy(
      reps.map((rep) => rep.memberId),
      this.calendar.weekRange(week),
      work,
    );
    const quota = team.weeklyLeadQuota;
    const lines = reps.map((rep) => {
      const count = leads.get(rep.memberId) ?? 0;
      return { memberId: rep.memberId, leads: count, quota, shortfall: Math.max(0, quota - count) };
    });
    return {
      teamId: team.teamId,
      week,
      quota,
      total: lines.reduce((sum, line) => sum + line.leads, 0),
      reps: lines,
    };
  }

  /**
   * Schedules this week's judgement at its end (company time), then judges each week whose end has
   * passed: every rep below quota is announced once (`customers.quota.missed`). The due time is in
   * the database and judged by its clock, so a week that ended while no instance ran is judged at
   * the next start and an instance whose clock is off judges neither early nor late. Each week is
   * judged in its own transaction; one that fails waits for its own next attempt (backoff) and the
   * weeks behind it go on. Returns the misses announced and the weeks that failed.
   */
  async judgeDueWeeks(): Promise<{ announced: number; failed: number }> {
    const week = this.calendar.weekOf(await this.quota.databaseNow());
    await this.quota.scheduleWeek(week, this.calendar.weekRange(week).to);
    const { done, failed } = await applyEachClaimed(this.unitOfWork, {
      claim: (work) => this.quota.claimDueWeek(work),
      apply: async (week, work) => {
        const count = await this.judge(week, work);
        await this.quota.markJudged(week, work);
        return count;
      },
      failed: async (week, error) => {
        await this.quota.failed(week, error instanceof Error ? error.message : String(error));
      },
    });
    return { announced: done.reduce((sum, count) => sum + count, 0), failed };
  }

  private async judge(week: string, work: Work): Promise<number> {
    let announced = 0;
    for (const team of await this.organisation.teams(work)) {
      if (team.weeklyLeadQuota === 0) continue;
      const report = await this.reportOf(team, week, work);
      for (const rep of report.reps.filter((line) => line.shortfall > 0)) {
        const miss = {
          memberId: rep.memberId,
          week,
          teamId: team.teamId,
          leads: rep.leads,
          quota: rep.quota,
        };
        if (!(await this.quota.recordMiss(miss, work))) continue;
        await appendToOutbox(work, CustomersEvents.quotaMissed, rep.memberId, {
          ...miss,
          shortfall: rep.shortfall,
        });
        announced += 1;
      }
    }
    return announced;
  }
}

import { fromMinor } from '@salesops/contract-kit';
import { Inject, Injectable } from '@nestjs/common';

import { CompanyCalendar } from '@salesops/calendar';
import { appendAllToOutbox, appendToOutbox } from '@salesops/messaging';
import { PerformanceEvents, type Scorecard } from '@salesops/performance-contracts';
import { UnitOfWork } from '@salesops/persistence';

import { KpiRepository, type RosterRow } from '../scorecards/kpi.repository';
import { ScorecardsService } from '../scorecards/scorecards.service';
import { NoticesRepository } from './notices.repository';

const CHANGES_PER_PASS = 200;

/** The checkpoints of a month: after its 10th, its 20th and its last day (company calendar). */
export function checkpointsOf(
  calendar: CompanyCalendar,
  month: string,
): { checkpoint: '10' | '20' | 'last'; day: number; daysInMonth: number; dueAt: Date }[] {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return (
    [
      ['10', 10],
      ['20', 20],
      ['last', daysInMonth],
    ] as const
  ).map(([checkpoint, day]) => ({
    checkpoint,
    day,
    daysInMonth,
    dueAt: calendar.startOfDay(calendar.addDays(`${month}-${String(day).padStart(2, '0')}`, 1)),
  }));
}

/** What performance announces when it is due: scorecard changes, and members below target. */
@Injectable()
export class NoticesService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(NoticesRepository) private readonly notices: NoticesRepository,
    @Inject(KpiRepository) private readonly kpis: KpiRepository,
    @Inject(ScorecardsService) private readonly scorecards: ScorecardsService,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  /**
   * `performance.scorecard.updated` for each member and month whose change is due. The scorecards
   * are computed from the facts of the changes read (committed with them) before they are claimed,
   * and a change written meanwhile stays for a later pass.
   */
  async announceScorecards(): Promise<number> {
    const due = await this.unitOfWork.run((work) =>
      this.notices.dueChanges(work, CHANGES_PER_PASS),
    );
    if (due.length === 0) return 0;
    const cards = new Map<string, { member: RosterRow; card: Scorecard | undefined }>();
    for (const period of new Set(due.map((change) => change.period))) {
      const ids = due.filter((change) => change.period === period).map((c) => c.memberId);
      const members = await this.kpis.members(ids);
      const scorecards = await this.scorecards.scorecardsOf(members, period, null);
      for (const member of members) {
        const card = scorecards.find((one) => one.memberId === member.memberId);
        cards.set(`${member.memberId} ${period}`, { member, card });
      }
    }
    return this.unitOfWork.run(async (work) => {
      const claimed = await this.notices.claimChanges(due, work);
      const at = new Date().toISOString();
      await appendAllToOutbox(
        work,
        PerformanceEvents.scorecardUpdated,
        claimed.flatMap(({ memberId, period }) => {
          const found = cards.get(`${memberId} ${period}`);
          if (!found) return [];
          const data = {
            memberId,
            teamId: found.member.teamId,
            period,
            salesAmount: String(found.card?.kpis['salesAmount'] ?? '0.00'),
            score: found.card?.score ?? null,
            at,
          };
          return [{ subject: memberId, data }];
        }),
      );
      return claimed.length;
    });
  }

  /** Judges each due checkpoint once: one event per member below target. */
  async judgeCheckpoints(): Promise<number> {
    const month = this.calendar.monthOf(new Date());
    const checkpoints = checkpointsOf(this.calendar, month);
    await this.unitOfWork.run((work) => this.notices.ensureCheckpoints(month, checkpoints, work));
    let flagged = 0;
    for (;;) {
      const judged = await this.unitOfWork.run(async (work) => {
        const due = await this.notices.claimDueCheckpoint(work);
        if (!due) return null;
        const [year, number] = due.period.split('-').map(Number) as [number, number];
        const daysInMonth = new Date(Date.UTC(year, number, 0)).getUTCDate();
        const elapsed = due.checkpoint === 'last' ? daysInMonth : Number(due.checkpoint);
        const below = await this.notices.belowTarget(due.period, elapsed, daysInMonth, work);
        for (const row of below) {
          await appendToOutbox(work, PerformanceEvents.memberBelowTarget, row.memberId, {
            memberId: row.memberId,
            teamId: row.teamId,
            period: due.period,
            checkpoint: due.checkpoint as '10' | '20' | 'last',
            salesAmount: fromMinor(BigInt(row.sales)),
            target: fromMinor(BigInt(row.target)),
            expected: fromMinor((BigInt(row.target) * BigInt(elapsed)) / BigInt(daysInMonth)),
          });
        }
        await this.notices.markDone(due, below.length, work);
        return below.length;
      });
      if (judged === null) return flagged;
      flagged += judged;
    }
  }
}

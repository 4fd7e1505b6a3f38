import { Inject, Injectable } from '@nestjs/common';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import { type CareReminder, CustomersRpc } from '@salesops/customers-contracts';
import { inScope } from '@salesops/policy';
import { toPage, UnitOfWork, type Work } from '@salesops/persistence';
import {
  DomainError,
  type IdentityClaims,
  reachOf,
  type RpcReply,
  type RpcRequest,
} from '@salesops/rpc';

import type { DueItemKind } from '../due-sweeps/due-item-kind';
import { birthdaysOn } from './birthdays-on';
import { type CareReminderRow, CareRemindersRepository } from './care-reminders.repository';

function toCareReminder(row: CareReminderRow & { customerName: string }): CareReminder {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    ownerId: row.ownerId,
    teamId: row.teamId,
    kind: row.kind as CareReminder['kind'],
    occasion: row.occasion,
    day: row.day,
    status: row.status as CareReminder['status'],
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Care reminders (domain.md §2): on each company day, a greeting for the owner of every customer
 * whose birthday it is (29 February on the 28th in other years) and, on a configured holiday
 * (COMPANY_HOLIDAYS), of every customer held and not lost; once a year per customer and occasion.
 * The day is stored and claimed by the sweep once its start has passed.
 */
@Injectable()
export class CareRemindersService {
  readonly daySweep: DueItemKind;

  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CareRemindersRepository) private readonly reminders: CareRemindersRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.daySweep = {
      name: 'care-day',
      prepare: async () => {
        await this.reminders.backfillBirthdayIndexes();
        const today = this.calendar.dayOf(this.clock.now());
        await this.reminders.scheduleDay(today, this.calendar.startOfDay(today));
        // A customer registered (or given a birthday) after the day was swept is greeted too.
        if (await this.reminders.daySwept(today)) {
          await this.reminders.birthdays(today, birthdaysOn(today));
        }
      },
      claim: (work) => this.reminders.claimDueDay(this.clock.offsetMs(), work),
      apply: (day, work) => this.greet(day, work),
    };
  }

  private async greet(day: string, work: Work): Promise<void> {
    await this.reminders.birthdays(day, birthdaysOn(day), work);
    for (const holiday of this.calendar.holidaysOn(day)) {
      await this.reminders.holiday(day, holiday.name, work);
    }
    await this.reminders.markSwept(day, work);
  }

  async list(
    query: RpcRequest<typeof CustomersRpc.listCareReminders>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof CustomersRpc.listCareReminders>> {
    const rows = await this.reminders.list(query, reachOf(identity));
    return toPage(rows.map(toCareReminder), query.limit, (reminder) => reminder.day);
  }

  done(request: { id: string }, identity: IdentityClaims): Promise<CareReminder> {
    return this.decide(request.id, 'done', identity);
  }

  dismiss(request: { id: string }, identity: IdentityClaims): Promise<CareReminder> {
    return this.decide(request.id, 'dismissed', identity);
  }

  /** The owner decides an open greeting; others in reach are refused, others not found. */
  private async decide(
    id: string,
    status: 'done' | 'dismissed',
    identity: IdentityClaims,
  ): Promise<CareReminder> {
    const row = await this.unitOfWork.run(async (work) => {
      const reminder = await this.reminders.findById(id, work);
      if (!reminder || !inScope(identity.scope, reminder)) {
        throw new DomainError('CARE_REMINDER_NOT_FOUND');
      }
      if (reminder.ownerId !== identity.caller.memberId) {
        throw new DomainError('CARE_REMINDER_NOT_OWNER');
      }
      if (!(await this.reminders.decide(id, status, this.clock.now(), work))) {
        throw new DomainError('CARE_REMINDER_NOT_OPEN', undefined, { status: reminder.status });
      }
      return (await this.reminders.findById(id, work)) as CareReminderRow;
    });
    const [named] = await this.reminders.named([row]);
    return toCareReminder(named as CareReminderRow & { customerName: string });
  }

  /** The caller's open greetings up to today (company calendar), for their to-do list. */
  openFor(ownerId: string) {
    return this.reminders.openFor(ownerId, this.calendar.dayOf(this.clock.now()));
  }
}

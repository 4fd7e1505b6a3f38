import { Inject, Injectable } from '@nestjs/common';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import type { IdentityClaims, Task } from '@salesops/rpc';

import { CareRemindersService } from '../care-reminders/care-reminders.service';
import { ComplaintTasks } from '../complaints/complaint-tasks';
import { CustomersRepository } from '../customers/customers.repository';
import { PoolService } from '../pool/pool.service';
import { RevisitTasks } from '../revisits/revisit-tasks';
import { VisitsService } from '../visits/visits.service';

/**
 * What waits in customers for the caller: their follow-ups due today (company time) or overdue,
 * complaints to acknowledge or resolve, revisits due, customers warned of a return to the pool,
 * overdue visits (their own, and a leader's teams'), and greetings due.
 */
@Injectable()
export class TasksService {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(ComplaintTasks) private readonly complaints: ComplaintTasks,
    @Inject(RevisitTasks) private readonly revisits: RevisitTasks,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PoolService) private readonly pool: PoolService,
    @Inject(VisitsService) private readonly visits: VisitsService,
    @Inject(CareRemindersService) private readonly care: CareRemindersService,
  ) {}

  async list(identity: IdentityClaims, now = this.clock.now()): Promise<Task[]> {
    const [followUps, complaints, revisits] = await Promise.all([
      this.followUps(identity, now),
      this.complaints.list(identity, now),
      this.revisits.list(identity, now),
    ]);
    return [...followUps, ...complaints, ...revisits];
  }

  private async followUps(identity: IdentityClaims, now: Date): Promise<Task[]> {
    const ownerId = identity.caller.memberId;
    const visits = await this.visits.overdueFor(identity);
    const teamVisits: Task[] = visits.team.map((visit) => ({
      id: `visit.overdue-in-team:${visit.id}`,
      kind: 'visit.overdue-in-team',
      title: `A visit to ${visit.customerName} is overdue in your team`,
      subjectType: 'visit',
      subjectId: visit.id,
      dueAt: visit.overdueAt.toISOString(),
      service: 'customers',
    }));
    if (!ownerId) return teamVisits;
    const tomorrow = this.calendar.dueAfterDays(now, 1);
    const due = await this.customers.dueFollowUps(ownerId, tomorrow);
    const followUps: Task[] = due.map((customer) => ({
      id: `customer.follow-up:${customer.id}`,
      kind: 'customer.follow-up',
      title: `Follow up ${customer.name}`,
      subjectType: 'customer',
      subjectId: customer.id,
      dueAt: customer.nextFollowUpAt?.toISOString() ?? null,
      service: 'customers',
    }));
    const [warned, greetings] = await Promise.all([
      this.pool.warnedFor(ownerId),
      this.care.openFor(ownerId),
    ]);
    return [
      ...followUps,
      ...warned.map((customer) => ({
        id: `customer.pool-warning:${customer.id}`,
        kind: 'customer.pool-warning',
        title: `Follow up ${customer.name} before it returns to the pool`,
        subjectType: 'customer',
        subjectId: customer.id,
        dueAt: customer.poolDueAt?.toISOString() ?? null,
        service: 'customers',
      })),
      ...visits.own.map((visit) => ({
        id: `visit.overdue:${visit.id}`,
        kind: 'visit.overdue',
        title: `Complete or cancel the overdue visit to ${visit.customerName}`,
        subjectType: 'visit',
        subjectId: visit.id,
        dueAt: visit.overdueAt.toISOString(),
        service: 'customers',
      })),
      ...teamVisits,
      ...greetings.map((greeting) => ({
        id: `customer.greeting:${greeting.id}`,
        kind: 'customer.greeting',
        title:
          greeting.kind === 'birthday'
            ? `Wish ${greeting.customerName} a happy birthday`
            : `Send ${greeting.customerName} a ${greeting.occasion} greeting`,
        subjectType: 'care-reminder',
        subjectId: greeting.id,
        dueAt: this.calendar.startOfDay(greeting.day).toISOString(),
        service: 'customers',
      })),
    ];
  }
}

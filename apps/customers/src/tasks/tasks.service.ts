import { Inject, Injectable } from '@nestjs/common';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import type { IdentityClaims, Task } from '@salesops/rpc';

import { ComplaintTasks } from '../complaints/complaint-tasks';
import { CustomersRepository } from '../customers/customers.repository';
import { RevisitTasks } from '../revisits/revisit-tasks';

/**
 * What waits in customers for the caller: their follow-ups due today (company time) or overdue,
 * complaints to acknowledge or resolve, revisits due.
 */
@Injectable()
export class TasksService {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(ComplaintTasks) private readonly complaints: ComplaintTasks,
    @Inject(RevisitTasks) private readonly revisits: RevisitTasks,
    @Inject(Clock) private readonly clock: Clock,
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
    if (!ownerId) return [];
    const tomorrow = this.calendar.dueAfterDays(now, 1);
    const due = await this.customers.dueFollowUps(ownerId, tomorrow);
    return due.map((customer) => ({
      id: `customer.follow-up:${customer.id}`,
      kind: 'customer.follow-up',
      title: `Follow up ${customer.name}`,
      subjectType: 'customer',
      subjectId: customer.id,
      dueAt: customer.nextFollowUpAt?.toISOString() ?? null,
      service: 'customers',
    }));
  }
}

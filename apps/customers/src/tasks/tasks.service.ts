import { Inject, Injectable } from '@nestjs/common';

import { CompanyCalendar } from '@salesops/calendar';
import type { IdentityClaims, Task } from '@salesops/rpc';

import { CustomersRepository } from '../customers/customers.repository';

/** What waits in customers for the caller: their follow-ups due today (company time) or overdue. */
@Injectable()
export class TasksService {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  async list(identity: IdentityClaims, now = new Date()): Promise<Task[]> {
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

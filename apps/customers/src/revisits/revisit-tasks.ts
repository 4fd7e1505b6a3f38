import { Inject, Injectable } from '@nestjs/common';

import { CompanyCalendar } from '@salesops/calendar';
import type { IdentityClaims, Task } from '@salesops/rpc';

import { RevisitsRepository } from './revisits.repository';

/** Revisits of the caller's customers due today (company time) or overdue. */
@Injectable()
export class RevisitTasks {
  constructor(
    @Inject(RevisitsRepository) private readonly revisits: RevisitsRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  async list(identity: IdentityClaims, now: Date): Promise<Task[]> {
    const ownerId = identity.caller.memberId;
    if (!ownerId) return [];
    const due = await this.revisits.dueOfOwner(ownerId, this.calendar.dueAfterDays(now, 1));
    return due.map((revisit) => ({
      id: `customer.revisit:${revisit.id}`,
      kind: 'customer.revisit',
      title: revisit.dueAt < now ? 'Revisit a customer (overdue)' : 'Revisit a customer',
      subjectType: 'revisit',
      subjectId: revisit.id,
      dueAt: revisit.dueAt.toISOString(),
      service: 'customers',
    }));
  }
}

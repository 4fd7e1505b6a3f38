import { Inject, Injectable } from '@nestjs/common';

import { CompanyCalendar } from '@salesops/calendar';
import { CustomersEvents } from '@salesops/customers-contracts/events';
import type { EventEnvelope, EventHandler } from '@salesops/messaging';
import { OrdersEvents } from '@salesops/orders-contracts/events';
import type { Work } from '@salesops/persistence';
import { TrainingEvents } from '@salesops/training-contracts/events';

import type { FactDraft } from './fact-draft';
import {
  factsOfAcknowledged,
  factsOfClosed,
  factsOfCustomerCreated,
  factsOfCustomerWon,
  factsOfResolved,
  factsOfRevisit,
} from './facts-of-customers';
import { factsOfCancellation, factsOfCompletion, factsOfRefund } from './facts-of-orders';
import { factsOfAttendance, factsOfCertificate } from './facts-of-training';
import { FactsRepository } from './facts.repository';

export type FactSource = 'orders' | 'customers' | 'training';

/** The durable consumer that records the facts of each source's events. */
export const FACT_CONSUMERS: Record<FactSource, string> = {
  orders: 'performance-orders-facts',
  customers: 'performance-customers-facts',
  training: 'performance-training-facts',
};

/**
 * The handlers that turn each source's events into facts: the same for the live consumers and
 * for `performance:rebuild`, so a replay records what the live run recorded.
 */
@Injectable()
export class FactHandlers {
  constructor(
    @Inject(FactsRepository) private readonly facts: FactsRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  of(source: FactSource): Record<string, EventHandler<Work>> {
    switch (source) {
      case 'orders':
        return {
          [OrdersEvents.orderCompleted.type]: this.recording((event) =>
            factsOfCompletion(OrdersEvents.orderCompleted.data.parse(event.data)),
          ),
          [OrdersEvents.orderRefunded.type]: this.recording(async (event, work) => {
            const refund = OrdersEvents.orderRefunded.data.parse(event.data);
            if (!refund.afterCompletion) return [];
            return factsOfRefund(refund, await this.facts.completionOf(refund.orderId, work));
          }),
          [OrdersEvents.orderCancelled.type]: this.recording(async (event, work) => {
            const cancel = OrdersEvents.orderCancelled.data.parse(event.data);
            if (cancel.previousStatus !== 'completed') return [];
            return factsOfCancellation(cancel, await this.facts.completionOf(cancel.orderId, work));
          }),
        };
      case 'customers':
        return {
          [CustomersEvents.customerCreated.type]: this.recording((event) =>
            factsOfCustomerCreated(
              CustomersEvents.customerCreated.data.parse(event.data),
              this.calendar,
            ),
          ),
          [CustomersEvents.customerWon.type]: this.recording((event) =>
            factsOfCustomerWon(CustomersEvents.customerWon.data.parse(event.data), this.calendar),
          ),
          [CustomersEvents.revisitCompleted.type]: this.recording((event) =>
            factsOfRevisit(CustomersEvents.revisitCompleted.data.parse(event.data)),
          ),
          [CustomersEvents.complaintAcknowledged.type]: this.recording((event) =>
            factsOfAcknowledged(CustomersEvents.complaintAcknowledged.data.parse(event.data)),
          ),
          [CustomersEvents.complaintResolved.type]: this.recording((event) =>
            factsOfResolved(CustomersEvents.complaintResolved.data.parse(event.data)),
          ),
          [CustomersEvents.complaintClosed.type]: this.recording((event) =>
            factsOfClosed(CustomersEvents.complaintClosed.data.parse(event.data)),
          ),
        };
      case 'training':
        return {
          [TrainingEvents.attendanceRecorded.type]: this.recording((event) =>
            factsOfAttendance(TrainingEvents.attendanceRecorded.data.parse(event.data)),
          ),
          [TrainingEvents.certificateIssued.type]: this.recording((event) =>
            factsOfCertificate(TrainingEvents.certificateIssued.data.parse(event.data)),
          ),
        };
    }
  }

  private recording(
    draftsOf: (event: EventEnvelope, work: Work) => FactDraft[] | Promise<FactDraft[]>,
  ): EventHandler<Work> {
    return async (event, work) => {
      const drafts = await draftsOf(event, work);
      await this.facts.record(event, drafts, work);
    };
  }
}

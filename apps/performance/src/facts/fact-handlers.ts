import { Inject, Injectable } from '@nestjs/common';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import { CustomersEvents } from '@salesops/customers-contracts/events';
import type { BatchEventHandler, EventEnvelope, EventHandler } from '@salesops/messaging';
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
import {
  type CompletionCounted,
  factsOfCancellation,
  factsOfCompletion,
  factsOfRefund,
} from './facts-of-orders';
import { RankingsRepository } from '../rankings/rankings.repository';
import { factsOfAttendance, factsOfCertificate } from './facts-of-training';
import { type Counted, FactsRepository } from './facts.repository';

export type FactSource = 'orders' | 'customers' | 'training';

/** The durable consumer that records the facts of each source's events. */
export const FACT_CONSUMERS: Record<FactSource, string> = {
  orders: 'performance-orders-facts',
  customers: 'performance-customers-facts',
  training: 'performance-training-facts',
};

/** How an event gives its facts: some need what its order's completion counted first. */
interface Drafting {
  completionOf?: string;
  drafts: (counted: CompletionCounted | null) => FactDraft[];
}
type Drafter = (event: EventEnvelope) => Drafting;

const COMPLETED = OrdersEvents.orderCompleted.type;

/**
 * The handlers that turn each source's events into facts: the same for the live consumers and
 * for `performance:rebuild`, so a replay records what the live run recorded. The live consumers
 * take a whole batch at once (`together`): its facts are drafted in memory, in stream order, and
 * written in one statement.
 */
@Injectable()
export class FactHandlers {
  constructor(
    @Inject(FactsRepository) private readonly facts: FactsRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(RankingsRepository) private readonly rankings: RankingsRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The month whose end this instance stored last. */
  private monthEnding?: string;

  /** One handler per type, each recording its event's facts on its own. */
  of(source: FactSource): Record<string, EventHandler<Work>> {
    return Object.fromEntries(
      Object.keys(this.draftersOf(source)).map((type) => [
        type,
        (event: EventEnvelope, work: Work) => this.record(source, [event], work),
      ]),
    );
  }

  /**
   * Records the facts of a batch of the source's events together; without `announce` the changed
   * scorecards are left for the caller to mark (a rebuild marks them all once, at its end).
   */
  together(source: FactSource, options: { announce?: boolean } = {}): BatchEventHandler<Work> {
    return (events, work) => this.record(source, events, work, options);
  }

  private async record(
    source: FactSource,
    events: readonly EventEnvelope[],
    work: Work,
    options: { announce?: boolean } = {},
  ): Promise<void> {
    const drafters = this.draftersOf(source);
    const draftings = events.map((event) => {
      const drafter = drafters[event.type];
      if (!drafter) throw new Error(`no facts are drafted of ${event.type}`);
      return { event, drafting: drafter(event) };
    });
    const orderIds = draftings.flatMap(({ drafting }) => drafting.completionOf ?? []);
    const counted = await this.facts.completionsOf([...new Set(orderIds)], work);
    const committed = new Set(counted.keys());
    const recorded = draftings.map(({ event, drafting }) => {
      const orderId = drafting.completionOf;
      const drafts = drafting.drafts(orderId === undefined ? null : countedOf(counted, orderId));
      // A completion earlier in the batch counts for a refund later in it, as if committed; one
      // committed already (this is its redelivery) counts as the database has it.
      if (event.type === COMPLETED && !drafts.some(({ sourceId }) => committed.has(sourceId))) {
        tally(counted, drafts);
      }
      return { event, drafts };
    });
    await this.facts.record(recorded, work, options);
    // The month being counted freezes at its end even when no sweep ran within it (a clock moved
    // on quickly); the sweep stores it too, should this transaction roll back.
    const month = this.calendar.monthOf(this.clock.now());
    if (month !== this.monthEnding) {
      const dueAt = this.calendar.monthRange(month).to;
      await this.rankings.ensurePeriodEnds([{ period: month, dueAt }], work);
      this.monthEnding = month;
    }
  }

  private draftersOf(source: FactSource): Record<string, Drafter> {
    const plain =
      (draftsOf: (event: EventEnvelope) => FactDraft[]): Drafter =>
      (event) => {
        const drafts = draftsOf(event);
        return { drafts: () => drafts };
      };
    switch (source) {
      case 'orders':
        return {
          [COMPLETED]: plain((event) =>
            factsOfCompletion(OrdersEvents.orderCompleted.data.parse(event.data)),
          ),
          [OrdersEvents.orderRefunded.type]: (event) => {
            const refund = OrdersEvents.orderRefunded.data.parse(event.data);
            if (!refund.afterCompletion) return { drafts: () => [] };
            return {
              completionOf: refund.orderId,
              drafts: (counted) => factsOfRefund(refund, counted),
            };
          },
          [OrdersEvents.orderCancelled.type]: (event) => {
            const cancel = OrdersEvents.orderCancelled.data.parse(event.data);
            if (cancel.previousStatus !== 'completed') return { drafts: () => [] };
            return {
              completionOf: cancel.orderId,
              drafts: (counted) => factsOfCancellation(cancel, counted),
            };
          },
        };
      case 'customers':
        return {
          [CustomersEvents.customerCreated.type]: plain((event) =>
            factsOfCustomerCreated(
              CustomersEvents.customerCreated.data.parse(event.data),
              this.calendar,
            ),
          ),
          [CustomersEvents.customerWon.type]: plain((event) =>
            factsOfCustomerWon(CustomersEvents.customerWon.data.parse(event.data), this.calendar),
          ),
          [CustomersEvents.revisitCompleted.type]: plain((event) =>
            factsOfRevisit(CustomersEvents.revisitCompleted.data.parse(event.data)),
          ),
          [CustomersEvents.complaintAcknowledged.type]: plain((event) =>
            factsOfAcknowledged(CustomersEvents.complaintAcknowledged.data.parse(event.data)),
          ),
          [CustomersEvents.complaintResolved.type]: plain((event) =>
            factsOfResolved(CustomersEvents.complaintResolved.data.parse(event.data)),
          ),
          [CustomersEvents.complaintClosed.type]: plain((event) =>
            factsOfClosed(CustomersEvents.complaintClosed.data.parse(event.data)),
          ),
        };
      case 'training':
        return {
          [TrainingEvents.attendanceRecorded.type]: plain((event) =>
            factsOfAttendance(TrainingEvents.attendanceRecorded.data.parse(event.data)),
          ),
          [TrainingEvents.certificateIssued.type]: plain((event) =>
            factsOfCertificate(TrainingEvents.certificateIssued.data.parse(event.data)),
          ),
        };
    }
  }
}

/** What the completion counted, as `FactsRepository.completionsOf` reads it: none without sales. */
function countedOf(counted: Map<string, Counted>, orderId: string): CompletionCounted | null {
  const sums = counted.get(orderId);
  return sums?.sales == null ? null : { sales: sums.sales, profit: sums.profit };
}

function tally(counted: Map<string, Counted>, drafts: readonly FactDraft[]): void {
  for (const draft of drafts) {
    if (draft.metric !== 'sales' && draft.metric !== 'profit') continue;
    const sums = counted.get(draft.sourceId) ?? { sales: null, profit: null };
    sums[draft.metric] = (sums[draft.metric] ?? 0n) + draft.value;
    counted.set(draft.sourceId, sums);
  }
}

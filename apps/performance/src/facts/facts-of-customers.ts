import type { z } from 'zod';

import { type CustomersEvents } from '@salesops/customers-contracts/events';
import type { CompanyCalendar } from '@salesops/calendar';

import type { FactDraft } from './fact-draft';

type Data<E extends { data: z.ZodType }> = z.output<E['data']>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new customer is a lead registered by the member who registered it (as the lead quota counts). */
export function factsOfCustomerCreated(
  customer: Data<typeof CustomersEvents.customerCreated>,
  calendar: CompanyCalendar,
): FactDraft[] {
  const memberId = UUID.test(customer.registeredBy) ? customer.registeredBy : customer.ownerId;
  return [
    {
      memberId,
      metric: 'leads',
      period: calendar.monthOf(new Date(customer.createdAt)),
      value: 1n,
      sourceType: 'customer',
      sourceId: customer.customerId,
      sourceRef: null,
      occurredAt: customer.createdAt,
      eventTeamId: customer.teamId,
    },
  ];
}

/** A won customer counts for its owner's conversion in the month it was won. */
export function factsOfCustomerWon(
  customer: Data<typeof CustomersEvents.customerWon>,
  calendar: CompanyCalendar,
): FactDraft[] {
  return [
    {
      memberId: customer.ownerId,
      metric: 'won',
      period: calendar.monthOf(new Date(customer.wonAt)),
      value: 1n,
      sourceType: 'customer',
      sourceId: customer.customerId,
      sourceRef: null,
      occurredAt: customer.wonAt,
      eventTeamId: customer.teamId,
    },
  ];
}

/** A revisit's rating counts for the customer's owner's satisfaction. */
export function factsOfRevisit(
  revisit: Data<typeof CustomersEvents.revisitCompleted>,
): FactDraft[] {
  return [
    {
      memberId: revisit.ownerId,
      metric: 'rating',
      period: revisit.period,
      value: BigInt(revisit.satisfaction),
      sourceType: 'revisit',
      sourceId: revisit.revisitId,
      sourceRef: null,
      occurredAt: revisit.completedAt,
      eventTeamId: revisit.teamId,
    },
  ];
}

type ComplaintFacts = Data<typeof CustomersEvents.complaintClosed>;

const complaintFact = (
  complaint: Pick<ComplaintFacts, 'complaintId' | 'period' | 'teamId'>,
  memberId: string,
  metric: FactDraft['metric'],
  value: bigint,
  occurredAt: string,
): FactDraft => ({
  memberId,
  metric,
  period: complaint.period,
  value,
  sourceType: 'complaint',
  sourceId: complaint.complaintId,
  sourceRef: null,
  occurredAt,
  eventTeamId: complaint.teamId,
});

/** Acknowledged in time or not counts for the handler's timeliness. */
export function factsOfAcknowledged(
  complaint: Data<typeof CustomersEvents.complaintAcknowledged>,
): FactDraft[] {
  return [
    complaintFact(
      complaint,
      complaint.handlerId,
      'ack_in_time',
      complaint.late ? 0n : 1n,
      complaint.acknowledgedAt,
    ),
  ];
}

/** Resolved in time or not counts for the handler's resolution rate. */
export function factsOfResolved(
  complaint: Data<typeof CustomersEvents.complaintResolved>,
): FactDraft[] {
  return [
    complaintFact(
      complaint,
      complaint.handlerId,
      'resolved_in_time',
      complaint.late ? 0n : 1n,
      complaint.resolvedAt,
    ),
  ];
}

/** The customer's rating at closing counts for the owner's satisfaction. */
export function factsOfClosed(complaint: ComplaintFacts): FactDraft[] {
  return [
    complaintFact(
      complaint,
      complaint.ownerId,
      'rating',
      BigInt(complaint.satisfaction),
      complaint.closedAt,
    ),
  ];
}

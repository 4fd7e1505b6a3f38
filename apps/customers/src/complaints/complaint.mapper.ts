import type { Complaint } from '@salesops/customers-contracts';

import type { ComplaintRow } from './complaints.repository';

export function toComplaint(row: ComplaintRow): Complaint {
  return {
    id: row.id,
    customerId: row.customerId,
    orderId: row.orderId,
    ownerId: row.ownerId,
    teamId: row.teamId,
    severity: row.severity as Complaint['severity'],
    category: row.category,
    description: row.description,
    status: row.status as Complaint['status'],
    handlerId: row.handlerId,
    receivedBy: row.receivedBy,
    receivedAt: row.receivedAt.toISOString(),
    ackDueAt: row.ackDueAt.toISOString(),
    resolveDueAt: row.resolveDueAt.toISOString(),
    ackBreached: row.ackBreached,
    resolveBreached: row.resolveBreached,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    resolution: row.resolution,
    rootCause:
      row.rootCauseCategory === null
        ? null
        : {
            category: row.rootCauseCategory as NonNullable<Complaint['rootCause']>['category'],
            notes: row.rootCauseNotes ?? '',
          },
    responsibleMemberId: row.responsibleMemberId,
    satisfaction: row.satisfaction,
    reopenCount: row.reopenCount,
    version: row.version,
  };
}

import type { Revisit } from '@salesops/customers-contracts';

import type { RevisitRow } from './revisits.repository';

export function toRevisit(row: RevisitRow, now: Date): Revisit {
  return {
    id: row.id,
    customerId: row.customerId,
    orderId: row.orderId,
    ownerId: row.ownerId,
    teamId: row.teamId,
    dueAt: row.dueAt.toISOString(),
    status: row.status as Revisit['status'],
    overdue: row.status === 'due' && row.dueAt < now,
    satisfaction: row.satisfaction,
    notes: row.notes,
    completedBy: row.completedBy,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

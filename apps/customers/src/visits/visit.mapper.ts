import type { Visit } from '@salesops/customers-contracts';

import type { VisitRow } from './visits.repository';

export function toVisit(row: VisitRow): Visit {
  const summary = row.summary as { effect: string; lessons: string } | null;
  return {
    id: row.id,
    customerId: row.customerId,
    memberId: row.memberId,
    teamId: row.teamId,
    purpose: row.purpose,
    keyPoints: row.keyPoints,
    scheduledAt: row.scheduledAt.toISOString(),
    status: row.status as Visit['status'],
    summary: summary ? { effect: summary.effect, lessons: summary.lessons } : null,
    outcome: row.outcome,
    cancelReason: row.cancelReason,
    overdue: row.overdue,
    overdueAt: row.overdueAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

import { Inject, Injectable } from '@nestjs/common';

import type { IdentityClaims, Task } from '@salesops/rpc';

import type { ComplaintRow } from './complaints.repository';
import { ComplaintsRepository } from './complaints.repository';

const LEADER_ROLES: readonly string[] = ['team_leader', 'vice_leader'];

/** The deadline a complaint waits on next, or null when it waits on none. */
function pendingOf(row: ComplaintRow): { kind: 'acknowledge' | 'resolve'; dueAt: Date } | null {
  if (row.status === 'received') return { kind: 'acknowledge', dueAt: row.ackDueAt };
  if (row.status === 'acknowledged' || row.status === 'investigating') {
    return { kind: 'resolve', dueAt: row.resolveDueAt };
  }
  return null;
}

/**
 * Complaints on the to-do list: each open one for its handler, and for the leaders of its team
 * once half the time to its next deadline is gone (or it passed), so they can step in before it.
 */
@Injectable()
export class ComplaintTasks {
  constructor(@Inject(ComplaintsRepository) private readonly complaints: ComplaintsRepository) {}

  async list(identity: IdentityClaims, now: Date): Promise<Task[]> {
    const memberId = identity.caller.memberId;
    const handled = memberId ? await this.complaints.openOfHandler(memberId) : [];
    const tasks = handled.flatMap((row) => taskOf(row, 'complaint'));
    const leads =
      identity.scope.kind === 'subtree' &&
      identity.caller.roles.some((role) => LEADER_ROLES.includes(role));
    if (!leads) return tasks;
    const watched = await this.complaints.openOfTeams(identity.scope.teamIds);
    return [
      ...tasks,
      ...watched
        .filter((row) => row.handlerId !== memberId && halfGone(row, now))
        .flatMap((row) => taskOf(row, 'complaint.watch')),
    ];
  }
}

function halfGone(row: ComplaintRow, now: Date): boolean {
  const pending = pendingOf(row);
  if (!pending) return false;
  const half = (pending.dueAt.getTime() - row.receivedAt.getTime()) / 2;
  return now.getTime() >= pending.dueAt.getTime() - half;
}

function taskOf(row: ComplaintRow, prefix: 'complaint' | 'complaint.watch'): Task[] {
  const pending = pendingOf(row);
  if (!pending) return [];
  const kind = `${prefix}.${pending.kind}`;
  const verb = pending.kind === 'acknowledge' ? 'Acknowledge' : 'Resolve';
  return [
    {
      id: `${kind}:${row.id}`,
      kind,
      title: `${prefix === 'complaint' ? verb : `See that someone will ${verb.toLowerCase()}`} complaint (${row.severity}, ${row.category})`,
      subjectType: 'complaint',
      subjectId: row.id,
      dueAt: pending.dueAt.toISOString(),
      service: 'customers',
    },
  ];
}

import { CustomersEvents } from '@salesops/customers-contracts/events';
import type { EventContract } from '@salesops/events';
import { MembersEvents } from '@salesops/members-contracts/events';
import { OrdersEvents } from '@salesops/orders-contracts/events';
import { PerformanceEvents } from '@salesops/performance-contracts/events';
import type { Permission, Resource } from '@salesops/policy';
import { TrainingEvents } from '@salesops/training-contracts/events';

/** One source of events: its contracts, the policy resource of their data, who may read them. */
export interface EventSource {
  source: string;
  events: Record<string, EventContract>;
  /** The field classes of the data of its events (libs/policy FIELD_RULES). */
  resource: Resource;
  /** A subscriber receives the source's events only with this permission (scope of a key). */
  readPermission: Permission;
}

/**
 * Every contracts library's events, as departments outside the bus see them. A new source is
 * added here; `asyncapi.spec.ts` fails while a contracts library's events are missing.
 */
export const EVENT_SOURCES: readonly EventSource[] = [
  {
    source: 'members',
    events: MembersEvents,
    resource: 'memberEvent',
    readPermission: 'members:read',
  },
  {
    source: 'customers',
    events: CustomersEvents,
    resource: 'customerEvent',
    readPermission: 'customers:read',
  },
  { source: 'orders', events: OrdersEvents, resource: 'orderEvent', readPermission: 'orders:read' },
  {
    source: 'training',
    events: TrainingEvents,
    resource: 'trainingEvent',
    readPermission: 'members:read',
  },
  {
    source: 'performance',
    events: PerformanceEvents,
    resource: 'performanceEvent',
    readPermission: 'performance:read',
  },
];

export const CATALOG: readonly EventContract[] = EVENT_SOURCES.flatMap((source) =>
  Object.values(source.events),
);

export function sourceOfType(type: string): EventSource | undefined {
  const source = type.split('.')[0];
  return EVENT_SOURCES.find((candidate) => candidate.source === source);
}

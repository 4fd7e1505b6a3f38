import type { EventEnvelope } from '@salesops/events';
import { inScope, present, viewerOf } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

import { sourceOfType } from './event-catalog';

type Data = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The teams an event's record belongs to (a transfer belongs to both ends) and its owner: the
 * owner rep, or the member it is about.
 */
export function placeOf(data: Data): { teamIds: string[]; ownerId: string | null } {
  const teamIds = [data['teamId'], data['toTeamId'], data['fromTeamId']].flatMap((value) => {
    const teamId = text(value);
    return teamId ? [teamId] : [];
  });
  return { teamIds, ownerId: text(data['ownerId']) ?? text(data['memberId']) };
}

/**
 * The event as a subscriber outside the bus may receive it, or null: it needs the read permission
 * of the event's source, the record in its scope, and each data field passes the field policy
 * (financial and personnel only with the clearance; unclassified fields, contact and secret never
 * for anyone but an administrator, who reaches no business record).
 */
export function eventFor(event: EventEnvelope, identity: IdentityClaims): EventEnvelope | null {
  const source = sourceOfType(event.type);
  if (!source || !identity.permissions.includes(source.readPermission)) return null;
  const data: Data =
    typeof event.data === 'object' && event.data !== null ? (event.data as Data) : {};
  const { teamIds, ownerId } = placeOf(data);
  const places = teamIds.length > 0 ? teamIds : [null];
  const reachable = places.find((teamId) => inScope(identity.scope, { teamId, ownerId }));
  if (reachable === undefined) return null;
  const viewer = viewerOf(identity, { teamId: reachable ?? '', ownerId });
  return { ...event, data: present(source.resource, data, viewer) };
}

/** Whether an event type matches one of the patterns: exact, `orders.*`, `orders.order.*`, `*`. */
export function typeMatches(type: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (pattern) =>
      pattern === '*' ||
      pattern === type ||
      (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))),
  );
}

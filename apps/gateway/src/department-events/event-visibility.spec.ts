import type { EventEnvelope } from '@salesops/events';
import type { IdentityClaims } from '@salesops/rpc';

import { eventFor, typeMatches } from './event-visibility';

const TEAM = '11111111-1111-4111-8111-111111111111';
const OTHER_TEAM = '22222222-2222-4222-8222-222222222222';
const REP = '33333333-3333-4333-8333-333333333333';

const approved = (teamId: string): EventEnvelope => ({
  id: '44444444-4444-4444-8444-444444444444',
  type: 'orders.order.approved',
  version: 1,
  source: 'orders',
  time: '2026-11-28T08:00:00.000Z',
  subject: 'o-1',
  subjectVersion: 3,
  actor: null,
  requestId: null,
  data: { orderId: 'o-1', teamId, ownerId: REP, total: '10.00', cost: '6.00', profit: '4.00' },
});

const identity = (
  roles: IdentityClaims['caller']['roles'],
  scope: IdentityClaims['scope'],
  permissions: IdentityClaims['permissions'] = ['orders:read', 'members:read'],
): IdentityClaims => ({
  caller: { kind: 'user', id: 'u-1', memberId: null, teamId: scope.teamIds[0] ?? null, roles },
  permissions,
  scope,
});

describe('what a subscriber outside the bus receives of an event', () => {
  const company = { kind: 'company' as const, teamIds: [], memberId: null };

  it('gives cost and profit to finance, and not to hr or a key', () => {
    expect(eventFor(approved(TEAM), identity(['finance'], company))?.data).toMatchObject({
      profit: '4.00',
    });
    const hr = eventFor(approved(TEAM), identity(['hr'], company));
    expect(hr?.data).not.toHaveProperty('profit');
    expect(hr?.data).not.toHaveProperty('cost');
    expect(hr?.data).toMatchObject({ total: '10.00' });
    const key = eventFor(approved(TEAM), {
      ...identity([], company),
      caller: { kind: 'api_key', id: 'k', memberId: null, teamId: null, roles: [] },
    });
    expect(key?.data).not.toHaveProperty('profit');
  });

  it("gives a subscriber scoped to one team nothing of another team's records", () => {
    const leader = identity(['manager'], { kind: 'subtree', teamIds: [TEAM], memberId: null });
    expect(eventFor(approved(TEAM), leader)).not.toBeNull();
    expect(eventFor(approved(OTHER_TEAM), leader)).toBeNull();
  });

  it("needs the read permission of the event's source", () => {
    expect(eventFor(approved(TEAM), identity(['director'], company, ['members:read']))).toBeNull();
  });

  it('counts a transfer in the scope of either team', () => {
    const transfer: EventEnvelope = {
      ...approved(TEAM),
      type: 'members.member.transferred',
      source: 'members',
      data: { memberId: REP, fromTeamId: OTHER_TEAM, toTeamId: TEAM, position: 'sales_rep' },
    };
    const scoped = identity(['manager'], {
      kind: 'subtree',
      teamIds: [OTHER_TEAM],
      memberId: null,
    });
    expect(eventFor(transfer, scoped)?.data).toMatchObject({ toTeamId: TEAM });
  });

  it('drops a field that has no class', () => {
    const event = { ...approved(TEAM), data: { teamId: TEAM, ownerId: REP, phone: '13800001111' } };
    expect(eventFor(event, identity(['director'], company))?.data).not.toHaveProperty('phone');
  });
});

describe('event type patterns', () => {
  it('match exactly, by a prefix with .*, or everything with *', () => {
    expect(typeMatches('orders.order.completed', ['orders.*'])).toBe(true);
    expect(typeMatches('orders.order.completed', ['orders.order.*'])).toBe(true);
    expect(typeMatches('orders.order.completed', ['orders.order.completed'])).toBe(true);
    expect(typeMatches('ordersx.order.completed', ['orders.*'])).toBe(false);
    expect(typeMatches('members.member.hired', ['orders.*', 'performance.*'])).toBe(false);
    expect(typeMatches('members.member.hired', ['*'])).toBe(true);
  });
});

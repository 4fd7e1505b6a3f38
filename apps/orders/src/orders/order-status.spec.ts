import { ORDER_STATUSES, type OrderStatus } from '@salesops/orders-contracts';

import { type OrderMove, statusAfter } from './order-status';

describe('statusAfter', () => {
  const path: [OrderStatus, OrderMove, OrderStatus][] = [
    ['draft', { kind: 'submit' }, 'submitted'],
    ['submitted', { kind: 'approve' }, 'approved'],
    ['approved', { kind: 'fulfil', step: 'in_production' }, 'in_production'],
    ['in_production', { kind: 'fulfil', step: 'packed' }, 'packed'],
    ['packed', { kind: 'fulfil', step: 'shipped' }, 'shipped'],
    ['shipped', { kind: 'fulfil', step: 'delivered' }, 'delivered'],
    ['delivered', { kind: 'complete' }, 'completed'],
    ['submitted', { kind: 'reject' }, 'rejected'],
    ['rejected', { kind: 'submit' }, 'submitted'],
  ];

  it.each(path)('%s --%j--> %s', (from, move, to) => {
    expect(statusAfter(from, move)).toBe(to);
  });

  it('allows each move only from its one status (or, for cancel, before shipping)', () => {
    for (const from of ORDER_STATUSES) {
      const allowed = path.filter(([source]) => source === from).map(([, move]) => move.kind);
      for (const move of [{ kind: 'approve' }, { kind: 'reject' }, { kind: 'complete' }] as const) {
        expect(statusAfter(from, move) !== null).toBe(allowed.includes(move.kind));
      }
    }
    expect(statusAfter('approved', { kind: 'fulfil', step: 'packed' })).toBeNull();
    expect(statusAfter('packed', { kind: 'fulfil', step: 'delivered' })).toBeNull();
    expect(statusAfter('packed', { kind: 'cancel' })).toBe('cancelled');
    for (const late of ['shipped', 'delivered', 'completed', 'cancelled'] as const) {
      expect(statusAfter(late, { kind: 'cancel' })).toBeNull();
    }
  });
});

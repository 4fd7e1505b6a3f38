import { z } from 'zod';

import { FIELD_RULES, present } from '@salesops/policy';

import { OrdersEvents } from './orders.events';

const fieldsOf = (schema: z.ZodType): string[] =>
  schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];

describe('orders events and the policy', () => {
  const events = Object.values(OrdersEvents);

  it('classes every field of every orders event, and only cost and profit as financial', () => {
    const rules: Record<string, { class: string }> = FIELD_RULES.orderEvent;
    for (const event of events) {
      const unclassified = fieldsOf(event.data).filter((field) => !(field in rules));
      expect({ type: event.type, unclassified }).toEqual({ type: event.type, unclassified: [] });
    }
    const financial = Object.entries(rules)
      .filter(([, rule]) => rule.class === 'financial')
      .map(([field]) => field);
    expect(financial.sort()).toEqual(['cost', 'profit']);
  });

  it('versions every orders event by its order', () => {
    expect(events.filter((event) => !event.versioned)).toEqual([]);
  });

  it('gives cost and profit to finance and directors only', () => {
    const data = { orderId: 'o', total: '10.00', cost: '6.00', profit: '4.00' };
    const viewer = (role: 'finance' | 'director' | 'team_leader' | 'operations' | 'sales_rep') => ({
      roles: [role],
      isOwner: role === 'sales_rep',
      inScope: true,
      sameTeam: true,
    });
    for (const role of ['finance', 'director'] as const) {
      expect(present('orderEvent', data, viewer(role))).toEqual(data);
    }
    for (const role of ['team_leader', 'operations', 'sales_rep'] as const) {
      expect(present('orderEvent', data, viewer(role))).toEqual({ orderId: 'o', total: '10.00' });
    }
  });
});

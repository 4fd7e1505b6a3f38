import { z } from 'zod';

import { defineEvent } from './event-contract';

describe('event contracts', () => {
  it('derive the source and the bus subject from the type', () => {
    const sut = defineEvent({ type: 'orders.order.completed', version: 1, data: z.object({}) });
    expect(sut).toMatchObject({ source: 'orders', busSubject: 'salesops.orders.order.completed' });
  });
});

import { randomUUID } from 'node:crypto';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import { envelopeOf } from '@salesops/messaging';
import { OrdersEvents } from '@salesops/orders-contracts/events';
import type { Work } from '@salesops/persistence';

import type { RankingsRepository } from '../rankings/rankings.repository';
import { FactHandlers } from './fact-handlers';
import type { FactsRepository } from './facts.repository';

describe('the facts of a batch', () => {
  let now = '2027-05-10T02:00:00.000Z';
  const ends: { period: string; dueAt: Date }[][] = [];
  const facts = {
    completionsOf: () => Promise.resolve(new Map()),
    record: () => Promise.resolve(),
  } as unknown as FactsRepository;
  const rankings = {
    ensurePeriodEnds: (batch: { period: string; dueAt: Date }[]) => {
      ends.push(batch);
      return Promise.resolve();
    },
  } as unknown as RankingsRepository;
  const sut = new FactHandlers(
    facts,
    new CompanyCalendar('Asia/Shanghai'),
    rankings,
    new Clock(() => ({ frozenAt: now })),
  );
  const completion = () => {
    const orderId = randomUUID();
    return envelopeOf(
      OrdersEvents.orderCompleted,
      orderId,
      {
        orderId,
        number: 'SO-2027-000001',
        customerId: randomUUID(),
        ownerId: randomUUID(),
        teamId: randomUUID(),
        status: 'completed',
        total: '100.00',
        period: '2027-05',
        at: now,
        reason: null,
        cost: null,
        profit: '10.00',
        paidAmount: '100.00',
      },
      2,
    );
  };

  it('stores the end of the month they are counted in, once per month, so it freezes even when no sweep ran within it', async () => {
    const apply = sut.together('orders');
    await apply([completion()], {} as Work);
    await apply([completion()], {} as Work);
    // Shanghai's 1 June 2027 begins at 16:00 UTC on 31 May.
    expect(ends).toEqual([[{ period: '2027-05', dueAt: new Date('2027-05-31T16:00:00.000Z') }]]);

    now = '2027-06-01T01:00:00.000Z';
    await apply([completion()], {} as Work);
    expect(ends[1]).toEqual([{ period: '2027-06', dueAt: new Date('2027-06-30T16:00:00.000Z') }]);
  });
});

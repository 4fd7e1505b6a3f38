import { factsOfCancellation, factsOfCompletion, factsOfRefund } from './facts-of-orders';

const order = {
  orderId: '00000000-0000-4000-8000-000000000001',
  number: 'SO-2026-000001',
  customerId: '00000000-0000-4000-8000-000000000002',
  ownerId: '00000000-0000-4000-8000-000000000003',
  teamId: '00000000-0000-4000-8000-000000000004',
  status: 'completed' as const,
  total: '1000.00',
  period: '2026-10',
  at: '2026-10-05T03:00:00.000Z',
  reason: null,
};

describe('facts of order events', () => {
  it('counts a completion as its total, profit and one order', () => {
    const facts = factsOfCompletion({
      ...order,
      cost: '700.00',
      profit: '300.00',
      paidAmount: '1000.00',
    });
    expect(facts.map((fact) => [fact.metric, fact.value])).toEqual([
      ['sales', 100_000n],
      ['profit', 30_000n],
      ['orders', 1n],
    ]);
    expect(facts[0]).toMatchObject({ sourceRef: 'SO-2026-000001', period: '2026-10' });
  });

  it('takes back a refund after completion in its own month, profit pro rata, the order when all went back', () => {
    const refund = (amount: string, refundedAmount: string) => ({
      ...order,
      period: '2026-11',
      amount,
      refundedAmount,
      afterCompletion: true,
    });
    const counted = { sales: 100_000n, profit: 30_000n };
    expect(
      factsOfRefund(refund('333.33', '333.33'), counted).map((fact) => [
        fact.metric,
        fact.value,
        fact.period,
      ]),
    ).toEqual([
      ['sales', -33_333n, '2026-11'],
      ['profit', -10_000n, '2026-11'],
    ]);
    expect(
      factsOfRefund(refund('666.67', '1000.00'), counted).map((fact) => [fact.metric, fact.value]),
    ).toEqual([
      ['sales', -66_667n],
      ['profit', -20_000n],
      ['orders', -1n],
    ]);
    expect(factsOfRefund({ ...refund('10.00', '10.00'), afterCompletion: false }, counted)).toEqual(
      [],
    );
  });

  it('undoes a completion cancelled after it, and nothing else', () => {
    const counted = { sales: 100_000n, profit: null };
    const cancelled = {
      ...order,
      status: 'cancelled' as const,
      previousStatus: 'completed' as const,
    };
    expect(
      factsOfCancellation(cancelled, counted).map((fact) => [fact.metric, fact.value]),
    ).toEqual([
      ['sales', -100_000n],
      ['orders', -1n],
    ]);
    expect(factsOfCancellation({ ...cancelled, previousStatus: 'approved' }, counted)).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';

import { FIELD_RULES } from '@salesops/policy';
import { waitFor } from '@salesops/testing';

import { gatewayFixture } from './support/gateway-fixture';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

interface Order {
  id: string;
  number: string;
  status: string;
  total: string;
  cost?: string | null;
  profit?: string | null;
  discountStatus: string;
  paymentStatus: string;
  paidAmount: string;
  refundedAmount: string;
  shipment: { carrier: string; trackingNo: string } | null;
  version: number;
}

/** The orders' main path through the gateway: rep → discount → review → fulfilment → won. */
describe('orders through the gateway', () => {
  let stack: Stack;
  let director: string;
  const gateway = gatewayFixture(() => stack);
  const { post, get } = gateway;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, { RATE_LIMIT_PER_MINUTE: '100000' });
    director = (await stack.userWithToken(['director'])).token;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('takes an order below the floor from a rep through discount, review and fulfilment to completed, and a partial refund follows; the customer is won', async () => {
    const teamId = await gateway.newTeam(director, 'Orders');
    const repId = await gateway.hire(director, teamId, { prefix: 'OR', name: 'Qian Yu' });
    const rep = (await stack.userWithToken(['sales_rep'], repId, teamId)).token;
    const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    const operations = (await stack.userWithToken(['operations'], null, teamId)).token;
    const finance = (await stack.userWithToken(['finance'])).token;

    const product = (
      await post(operations, '/products', {
        sku: `PUR-${randomUUID().slice(0, 8)}`,
        name: 'Air purifier',
        category: 'home',
        listPrice: '1999.00',
        floorPrice: '1800.00',
        unitCost: '1200.00',
      }).expect(201)
    ).body as { id: string; unitCost?: string };
    expect(product).not.toHaveProperty('unitCost');
    await post(rep, '/products', {
      sku: 'X',
      name: 'x',
      category: 'x',
      listPrice: '1',
      floorPrice: '1',
      unitCost: '1',
    }).expect(403);

    const customerId = await gateway.registerCustomer(rep, {
      name: 'Zhao Lan',
      channel: 'referral',
    });

    const key = randomUUID();
    const body = {
      customerId,
      lines: [{ productId: product.id, quantity: 2, unitPrice: '1750.50' }],
    };
    const created = await post(rep, '/orders', body).set('idempotency-key', key).expect(201);
    let order = created.body as Order;
    expect(created.headers['location']).toBe(`/api/v1/orders/${order.id}`);
    expect(order).toMatchObject({ status: 'draft', total: '3501.00', discountStatus: 'pending' });
    const replay = await post(rep, '/orders', body).set('idempotency-key', key).expect(201);
    expect((replay.body as Order).id).toBe(order.id);
    await post(rep, '/orders', { ...body, total: '1.00' }).expect(400);

    const belowFloor = await post(rep, `/orders/${order.id}/submit`, {}, order.version).expect(409);
    expect(belowFloor.body).toMatchObject({ code: 'ORDER_PRICE_BELOW_FLOOR' });
    order = (
      await post(
        leader,
        `/orders/${order.id}/approve-discount`,
        { reason: 'two units' },
        order.version,
      ).expect(200)
    ).body as Order;
    order = (await post(rep, `/orders/${order.id}/submit`, {}, order.version).expect(200))
      .body as Order;
    await post(rep, `/orders/${order.id}/approve`, {}, order.version).expect(403);
    await post(leader, `/orders/${order.id}/approve`, {}, order.version - 1).expect(412);
    order = (await post(leader, `/orders/${order.id}/approve`, {}, order.version).expect(200))
      .body as Order;
    expect(order.status).toBe('approved');

    for (const step of ['in_production', 'packed', 'shipped', 'delivered']) {
      const extra = step === 'shipped' ? { carrier: 'SF Express', trackingNo: 'SF998877' } : {};
      order = (
        await post(
          operations,
          `/orders/${order.id}/fulfil`,
          { step, ...extra },
          order.version,
        ).expect(200)
      ).body as Order;
    }
    expect(order).toMatchObject({
      status: 'delivered',
      shipment: { carrier: 'SF Express', trackingNo: 'SF998877' },
    });
    await post(rep, `/orders/${order.id}/complete`, {}, order.version).expect(409);
    await post(finance, `/orders/${order.id}/payments`, {
      amount: '3600.00',
      method: 'bank_transfer',
      reference: 'TX-1',
    }).expect(422);
    order = (
      await post(
        finance,
        `/orders/${order.id}/payments`,
        { amount: '3501', method: 'bank_transfer', reference: 'TX-1' },
        order.version,
      ).expect(200)
    ).body as Order;
    expect(order).toMatchObject({ paymentStatus: 'paid', paidAmount: '3501.00' });
    order = (await post(rep, `/orders/${order.id}/complete`, {}, order.version).expect(200))
      .body as Order;
    expect(order.status).toBe('completed');
    order = (
      await post(
        finance,
        `/orders/${order.id}/refunds`,
        { amount: '1750.50', reason: 'one unit returned' },
        order.version,
      ).expect(200)
    ).body as Order;
    expect(order).toMatchObject({ refundedAmount: '1750.50', paymentStatus: 'paid' });

    const seenByRep = (await get(rep, `/orders/${order.id}`).expect(200)).body as Order;
    expect(seenByRep).not.toHaveProperty('cost');
    const seenByFinance = (await get(finance, `/orders/${order.id}`).expect(200)).body as Order;
    expect(seenByFinance).toMatchObject({ cost: '2400.00', profit: '1101.00' });

    const timeline = (await get(rep, `/orders/${order.id}/timeline`).expect(200)).body as {
      items: { action: string; to: string; by: string }[];
    };
    expect(timeline.items.map((entry) => entry.action)).toEqual([
      'create',
      'approve-discount',
      'submit',
      'approve',
      'fulfil',
      'fulfil',
      'fulfil',
      'fulfil',
      'payment',
      'complete',
      'refund',
    ]);
    await waitFor(
      async () =>
        ((await get(rep, `/customers/${customerId}`).expect(200)).body as { stage: string })
          .stage === 'won',
      { what: 'the customer won by its first completed order' },
    );
    for (const [who, token] of [
      ['leader', leader],
      ['operations', operations],
    ] as const) {
      const seen = (await get(token, `/orders/${order.id}`).expect(200)).body as object;
      const listedFields = (
        (await get(token, `/orders?customerId=${customerId}`).expect(200)).body as {
          items: object[];
        }
      ).items.flatMap((item) => Object.keys(item));
      const financial = ['cost', 'profit', 'discountApproval'];
      expect({ who, shown: Object.keys(seen).filter((key) => financial.includes(key)) }).toEqual({
        who,
        shown: [],
      });
      expect(listedFields.filter((key) => financial.includes(key))).toEqual([]);
    }
    const byDirector = (await get(director, `/orders/${order.id}`).expect(200)).body as Order & {
      discountApproval: { reason: string } | null;
    };
    expect(byDirector).toMatchObject({
      cost: '2400.00',
      discountApproval: { reason: 'two units' },
    });
    const productSeen = (await get(director, `/products/${product.id}`).expect(200)).body as object;
    expect(productSeen).toHaveProperty('unitCost', '1200.00');
    for (const [resource, body] of [
      ['order', byDirector],
      ['product', productSeen],
    ] as const) {
      const unclassified = Object.keys(body).filter((field) => !(field in FIELD_RULES[resource]));
      expect({ resource, unclassified }).toEqual({ resource, unclassified: [] });
    }
    const logs = [...stack.processes.values()].map((process) => process.output.join('')).join('\n');
    expect(logs).not.toContain('1200.00');

    const listed = (await get(rep, '/orders?status=completed').expect(200)).body as {
      items: Order[];
    };
    expect(listed.items.map((item) => item.id)).toEqual([order.id]);
  });
});

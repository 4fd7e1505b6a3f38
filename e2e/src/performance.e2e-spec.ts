import { randomUUID } from 'node:crypto';

import { waitFor } from '@salesops/testing';

import { gatewayFixture } from './support/gateway-fixture';
import { Stack } from './support/stack';
import { testDb } from './support/test-db';

const natsUrl = process.env['TEST_NATS_URL'] as string;

interface Order {
  id: string;
  number: string;
  version: number;
}
interface Scorecard {
  memberId: string;
  kpis: Record<string, string | number | null>;
  score: number | null;
  partial: boolean;
}
interface Ranking {
  entries: {
    rank: number;
    memberId?: string;
    teamId?: string;
    name: string | null;
    value: unknown;
  }[];
}

/** The company-calendar month (Asia/Shanghai) of now. */
const thisMonth = () => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  const of = (type: string) => parts.find((part) => part.type === type)?.value;
  return `${of('year')}-${of('month')}`;
};

/** Issue 16 "Done when": orders move scorecards and live rankings through the gateway. */
describe('performance through the gateway', () => {
  let stack: Stack;
  let director: string;
  const gateway = gatewayFixture(() => stack);
  const { as, post, get } = gateway;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, { RATE_LIMIT_PER_MINUTE: '100000' });
    director = (await stack.userWithToken(['director'])).token;
  }, 180_000);

  const db = testDb();

  afterAll(async () => {
    await db.end();
    await stack?.stop();
  });

  it('moves the rep’s scorecard and place in the live ranking with a completed order and back with a refund; the drill-down names the order; the probation checkpoint shows the KPIs', async () => {
    const period = thisMonth();
    const teamId = await gateway.newTeam(director, 'Performance');
    const hire = (name: string) => gateway.hire(director, teamId, { prefix: 'PF', name });
    const [aId, bId] = [await hire('Sun Li'), await hire('Zhou Bo')];
    const repA = (await stack.userWithToken(['sales_rep'], aId, teamId)).token;
    const repB = (await stack.userWithToken(['sales_rep'], bId, teamId)).token;
    const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    const operations = (await stack.userWithToken(['operations'], null, teamId)).token;
    const finance = (await stack.userWithToken(['finance'])).token;
    const product = (
      await post(operations, '/products', {
        sku: `PF-${randomUUID().slice(0, 8)}`,
        name: 'Water filter',
        category: 'home',
        listPrice: '500.00',
        floorPrice: '400.00',
        unitCost: '300.00',
      }).expect(201)
    ).body as { id: string };

    const completedOrder = async (rep: string, quantity: number) => {
      const customerId = await gateway.registerCustomer(rep, {
        name: 'Wu Fang',
        channel: 'referral',
      });
      let order = (
        await post(rep, '/orders', {
          customerId,
          lines: [{ productId: product.id, quantity }],
        }).expect(201)
      ).body as Order;
      order = (await post(rep, `/orders/${order.id}/submit`, {}, order.version).expect(200))
        .body as Order;
      order = (await post(leader, `/orders/${order.id}/approve`, {}, order.version).expect(200))
        .body as Order;
      for (const step of ['in_production', 'packed', 'shipped', 'delivered']) {
        const extra = step === 'shipped' ? { carrier: 'SF Express', trackingNo: 'SF1' } : {};
        order = (
          await post(
            operations,
            `/orders/${order.id}/fulfil`,
            { step, ...extra },
            order.version,
          ).expect(200)
        ).body as Order;
      }
      order = (
        await post(
          finance,
          `/orders/${order.id}/payments`,
          { amount: `${quantity * 500}.00`, method: 'bank_transfer', reference: 'TX' },
          order.version,
        ).expect(200)
      ).body as Order;
      return (await post(rep, `/orders/${order.id}/complete`, {}, order.version).expect(200))
        .body as Order;
    };
    const scorecardOf = async (token: string, memberId: string) =>
      (await get(token, `/members/${memberId}/scorecard?period=${period}`).expect(200))
        .body as Scorecard;
    const ranking = async () =>
      (
        await get(
          repA,
          `/rankings?period=${period}&metric=salesAmount&scope=team&teamId=${teamId}`,
        ).expect(200)
      ).body as Ranking;
    const salesOf = async (memberId: string) =>
      (await scorecardOf(director, memberId)).kpis['salesAmount'];

    await completedOrder(repB, 1);
    await waitFor(async () => (await salesOf(bId)) === '500.00', { what: "B's sale counted" });
    expect((await ranking()).entries).toEqual([
      { rank: 1, memberId: bId, name: 'Zhou Bo', value: '500.00' },
      { rank: 2, memberId: aId, name: 'Sun Li', value: '0.00' },
    ]);

    const order = await completedOrder(repA, 2);
    await waitFor(async () => (await salesOf(aId)) === '1000.00', { what: "A's sale counted" });
    const mine = await scorecardOf(repA, aId);
    expect(mine.kpis).toMatchObject({
      salesAmount: '1000.00',
      ordersCompleted: 1,
      newCustomers: 1,
    });
    expect(mine.kpis).not.toHaveProperty('profit');
    expect(mine.partial).toBe(true);
    expect((await scorecardOf(finance, aId)).kpis).toMatchObject({ profit: '400.00' });
    expect((await scorecardOf(leader, aId)).kpis).not.toHaveProperty('profit');
    await get(repB, `/members/${aId}/scorecard?period=${period}`).expect(404);
    expect((await ranking()).entries.map(({ rank, memberId }) => [rank, memberId])).toEqual([
      [1, aId],
      [2, bId],
    ]);

    const sources = (
      await get(repA, `/members/${aId}/scorecard/sources?period=${period}&kpi=salesAmount`).expect(
        200,
      )
    ).body as { value: string; items: { sourceRef: string; sourceId: string; value: string }[] };
    expect(sources.items).toEqual([
      expect.objectContaining({ sourceId: order.id, sourceRef: order.number, value: '1000.00' }),
    ]);
    await get(repA, `/members/${aId}/scorecard/sources?period=${period}&kpi=profit`).expect(403);
    const profitRanking = await get(
      repA,
      `/rankings?period=${period}&metric=profit&scope=company`,
    ).expect(403);
    expect(profitRanking.body).toMatchObject({ code: 'KPI_FINANCIAL_FORBIDDEN' });

    await post(
      finance,
      `/orders/${order.id}/refunds`,
      { amount: '600.00', reason: 'returned' },
      order.version,
    ).expect(200);
    await waitFor(async () => (await salesOf(aId)) === '400.00', { what: 'the refund counted' });
    expect(
      (await ranking()).entries.map(({ rank, memberId, value }) => [rank, memberId, value]),
    ).toEqual([
      [1, bId, '500.00'],
      [2, aId, '400.00'],
    ]);
    const after = (
      await get(repA, `/members/${aId}/scorecard/sources?period=${period}&kpi=salesAmount`).expect(
        200,
      )
    ).body as typeof sources;
    expect(after.items.map((item) => [item.sourceRef, item.value])).toEqual([
      [order.number, '1000.00'],
      [order.number, '-600.00'],
    ]);

    const publish = (token: string, metric: string) =>
      post(token, '/rankings/publish', { period, metric, scope: 'team', teamId });
    const published = (await publish(leader, 'salesAmount').expect(200)).body as Ranking;
    expect(published.entries.map(({ memberId }) => memberId)).toEqual([bId, aId]);
    await publish(leader, 'profit').expect(403);
    await publish(repA, 'salesAmount').expect(403);
    const events = await db.query<{ envelope: { data: { entries: unknown[] } } }>(
      `SELECT envelope FROM performance.outbox_event
       WHERE type = 'performance.ranking.published' AND envelope->'data'->>'teamId' = $1`,
      [teamId],
    );
    expect(events.rows.map((row) => row.envelope.data.entries)).toEqual([published.entries]);

    const checkpoint = (await get(leader, `/members/${aId}/probation-checkpoint`).expect(200))
      .body as { kpis: { status: string; kpis: { name: string; value: string }[] } };
    expect(checkpoint.kpis.status).toBe('available');
    expect(checkpoint.kpis.kpis).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'salesAmount', value: '400.00' })]),
    );
  }, 180_000);

  it('keeps schemes summing to 100 and splits a team target down to its members exactly', async () => {
    const scheme = (await get(director, '/kpi-schemes/sales_rep').expect(200)).body as {
      weights: Record<string, number>;
    };
    expect(scheme.weights).toMatchObject({ salesAmount: 40, newCustomers: 15, teamwork: 5 });
    const bad = await stack
      .http()
      .put('/api/v1/kpi-schemes/customer_service')
      .set(as(director))
      .send({ weights: { satisfaction: 60, complaintTimeliness: 30 } })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    await stack
      .http()
      .put('/api/v1/kpi-schemes/customer_service')
      .set(as(director))
      .send({ weights: { satisfaction: 60, complaintTimeliness: 40 } })
      .expect(200);

    const teamId = await gateway.newTeam(director, 'Targets');
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C']) {
      ids.push(await gateway.hire(director, teamId, { prefix: 'TG', name }));
    }
    const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    const period = thisMonth();
    const put = (token: string, body: object) =>
      stack.http().put('/api/v1/targets').set(as(token)).send(body);
    await waitFor(async () => {
      const listed = await put(leader, {
        period,
        teamId,
        salesAmount: '1000.00',
        split: { mode: 'even' },
      });
      return listed.status === 200 && (listed.body as { items: unknown[] }).items.length === 4;
    });
    const targets = (await get(leader, `/targets?period=${period}&teamId=${teamId}`).expect(200))
      .body as { items: { memberId: string | null; salesAmount: string }[] };
    const members = targets.items.filter((item) => item.memberId !== null);
    expect(members.map((item) => item.salesAmount).sort()).toEqual(['333.33', '333.33', '333.34']);
    // A list like every other (api.md): `limit` and `cursor`, `nextCursor` null on the last page.
    type TargetPage = { items: { id: string }[]; nextCursor: string | null };
    const listed = `/targets?period=${period}&teamId=${teamId}`;
    const first = (await get(leader, `${listed}&limit=3`).expect(200)).body as TargetPage;
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const rest = (
      await get(leader, `${listed}&limit=3&cursor=${first.nextCursor as string}`).expect(200)
    ).body as TargetPage;
    expect(rest).toMatchObject({ items: [expect.anything()], nextCursor: null });
    expect([...first.items, ...rest.items].map((item) => item.id).sort()).toEqual(
      (targets.items as unknown as { id: string }[]).map((item) => item.id).sort(),
    );
    expect((await get(leader, `${listed}&limit=101`).expect(400)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const wrong = await put(leader, {
      period,
      teamId,
      salesAmount: '1000.00',
      split: { mode: 'weights', weights: { [ids[0] as string]: 50, [ids[1] as string]: 40 } },
    }).expect(422);
    expect(wrong.body).toMatchObject({ code: 'TARGET_SPLIT_INVALID' });
    const rep = (await stack.userWithToken(['sales_rep'], ids[0], teamId)).token;
    await put(rep, { period, memberId: ids[0], salesAmount: '1.00' }).expect(403);
    // A leader who is a member of the team sets the others' targets, never their own.
    const member = (await stack.userWithToken(['team_leader'], ids[1], teamId)).token;
    await put(member, { period, memberId: ids[0], salesAmount: '400.00' }).expect(200);
    const own = await put(member, { period, memberId: ids[1], salesAmount: '1.00' });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'SELF_DECISION' });
  }, 120_000);
});

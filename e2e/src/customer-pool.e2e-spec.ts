import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';
import { waitFor } from '@salesops/testing';

import { storedEnvelopes } from './support/bus';
import { gatewayFixture } from './support/gateway-fixture';
import { peopleFixture } from './support/people';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const calendar = new CompanyCalendar('Asia/Shanghai');
const MINUTE = 60_000;
const POOL_OWNER_ID = '00000000-0000-0000-0000-000000000000';

interface Customer {
  id: string;
  phone: string | null;
  ownerId: string;
  teamId: string;
  createdAt: string;
  version: number;
}
interface PoolEntry {
  customer: Customer;
  pooledAt: string;
  fromOwnerId: string | null;
  reason: string | null;
}
interface Envelope {
  type: string;
  subject: string;
  data: Record<string, unknown>;
}
interface Task {
  kind: string;
  subjectId: string;
  dueAt: string | null;
}

/**
 * The public pool through the gateway: an idle customer is warned on the right company day,
 * recycled to its team's pool and claimed by another rep; claims race and stop at the cap.
 */
describe('the public pool', () => {
  jest.setTimeout(120_000);

  let stack: Stack;
  let nats: NatsConnection;
  let director: string;
  let teamId: string;
  let otherTeamId: string;
  const members: Record<string, string> = {};
  const idleEarly: Customer[] = [];

  const gateway = gatewayFixture(() => stack);
  const { person, moveClockTo, post, get } = peopleFixture(() => stack);
  const newTeam = (settings: object) => gateway.newTeam(director, 'Pool', { settings });
  const hire = (team: string) => gateway.hire(director, team, { prefix: 'PL', name: 'Qian Yu' });
  let phones = 0;
  const register = async (who: string) =>
    (
      await post(who, '/customers', {
        name: 'Feng Lan',
        phone: `139${String(Date.now() % 1e4).padStart(4, '0')}${String((phones += 1)).padStart(4, '0')}`,
        channel: 'referral',
      }).expect(201)
    ).body as Customer;
  const poolOf = async (who: string, query = '') =>
    ((await get(who, `/pool?limit=100${query}`).expect(200)).body as { items: PoolEntry[] }).items;
  const inPool = (customerId: string) =>
    waitFor(
      async () =>
        (await poolOf('leader', `&teamId=${teamId}`)).find(
          (entry) => entry.customer.id === customerId,
        ),
      { what: `customer ${customerId} in the pool` },
    );
  const tasksOf = async (who: string) =>
    ((await get(who, '/me/tasks').expect(200)).body as { items: Task[] }).items;
  const eventsAbout = async (customerId: string) =>
    (await storedEnvelopes<Envelope>(nats, 'SALESOPS_CUSTOMERS')).filter(
      (event) => event.subject === customerId,
    );
  const passes = async () => {
    const customers = stack.service('customers');
    const text = await (await fetch(`http://127.0.0.1:${customers.opsPort}/metrics`)).text();
    const line = text
      .split('\n')
      .find((entry) => entry.startsWith('salesops_sweep_passes_total{kind="pool-warning"'));
    return Number(line?.split(' ')[1] ?? 0);
  };
  /** Two whole passes of the warning sweep after now: whatever was due has been done. */
  const sweptTwice = async () => {
    const before = await passes();
    await waitFor(async () => (await passes()) >= before + 2, { what: 'two warning sweeps' });
  };

  beforeAll(async () => {
    stack = await Stack.start(
      natsUrl,
      { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' },
      { DUE_SWEEP_MS: '200' },
    );
    nats = await connect({ servers: natsUrl });
    director = (await stack.userWithToken(['director'])).token;
    teamId = await newTeam({
      poolIdleDays: 5,
      poolStaleDays: 20,
      poolWarnDays: 2,
      poolClaimCap: 2,
    });
    otherTeamId = await newTeam({ poolIdleDays: 5, poolWarnDays: 2 });
    for (const rep of ['repA', 'repB', 'repC']) members[rep] = await hire(teamId);
    members['stranger'] = await hire(otherTeamId);
    for (const rep of ['repA', 'repB', 'repC']) {
      await person(rep, ['sales_rep'], members[rep], teamId);
    }
    await person('stranger', ['sales_rep'], members['stranger'], otherTeamId);
    await person('leader', ['team_leader'], null, teamId);
    await person('otherLeader', ['team_leader'], null, otherTeamId);
    // The customers service knows the team (and its pool settings) before its customers exist.
    await waitFor(
      async () => (await get('leader', `/lead-quota?teamId=${teamId}`)).status === 200,
      { what: "the team's settings in customers" },
    );
    // Registered before the clock moves: idle, they go to the pool with the first test's customer.
    for (let i = 0; i < 5; i += 1) idleEarly.push(await register('repC'));
  }, 180_000);

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('warns the owner on the company day poolWarnDays before, recycles the idle customer, and another rep claims it', async () => {
    const idle = await register('repA');
    // Idle for poolIdleDays (5) from the company day it was registered on; warned 2 days before.
    const registered = calendar.dayOf(new Date(idle.createdAt));
    const warnAt = calendar.startOfDay(calendar.addDays(registered, 3));
    const dueAt = calendar.startOfDay(calendar.addDays(registered, 5));
    // The company day begins at 16:00 UTC: a sweep on UTC days would warn 8 hours late (or early).
    expect(warnAt.getUTCHours()).toBe(16);

    await moveClockTo(new Date(warnAt.getTime() - MINUTE));
    await sweptTwice();
    expect((await tasksOf('repA')).map((task) => task.subjectId)).not.toContain(idle.id);
    expect((await eventsAbout(idle.id)).map((event) => event.type)).not.toContain(
      'customers.pool.warned',
    );

    await moveClockTo(new Date(warnAt.getTime() + MINUTE));
    const warning = await waitFor(
      async () =>
        (await tasksOf('repA')).find(
          (task) => task.kind === 'customer.pool-warning' && task.subjectId === idle.id,
        ),
      { what: 'the pool warning task' },
    );
    expect(warning.dueAt).toBe(dueAt.toISOString());
    const warned = await waitFor(
      async () => (await eventsAbout(idle.id)).find((e) => e.type === 'customers.pool.warned'),
      { what: 'customers.pool.warned' },
    );
    expect(warned.data).toMatchObject({
      ownerId: members['repA'],
      teamId,
      reason: 'idle',
      dueAt: dueAt.toISOString(),
    });
    // Still the owner's until the due time.
    await get('repA', `/customers/${idle.id}`).expect(200);

    await moveClockTo(new Date(dueAt.getTime() + MINUTE));
    const entry = await inPool(idle.id);
    expect(entry).toMatchObject({ fromOwnerId: members['repA'], reason: 'idle' });
    expect(entry.customer.ownerId).toBe(POOL_OWNER_ID);
    expect(entry.customer.phone).toContain('*');
    // A leader of the team reads it in clear when asking for it.
    const clear = (await poolOf('leader', '&contact=clear')).find(
      (item) => item.customer.id === idle.id,
    );
    expect(clear?.customer.phone).not.toContain('*');
    expect((await tasksOf('repA')).map((task) => task.subjectId)).not.toContain(idle.id);
    await get('repA', `/customers/${idle.id}`).expect(404);

    // A rep of the team sees it in the pool with its contact fields masked, even asking in clear.
    for (const query of ['', '&contact=clear']) {
      const seen = (await poolOf('repB', query)).find((item) => item.customer.id === idle.id);
      expect(seen?.customer.phone).toMatch(/^\+?\d+\*{4}\d{4}$/);
    }
    await get('repB', `/customers/${idle.id}`).expect(404);
    expect((await poolOf('stranger')).map((item) => item.customer.id)).not.toContain(idle.id);
    await post('stranger', `/pool/${idle.id}/claim`).expect(404);

    const claimed = (await post('repB', `/pool/${idle.id}/claim`).expect(200)).body as Customer;
    expect(claimed).toMatchObject({ ownerId: members['repB'], teamId });
    expect(claimed.phone).not.toContain('*');
    const late = await post('repA', `/pool/${idle.id}/claim`).expect(409);
    expect(late.body).toMatchObject({ code: 'POOL_CUSTOMER_NOT_IN_POOL' });
    expect((await poolOf('leader')).map((item) => item.customer.id)).not.toContain(idle.id);

    // Its history is kept: registered by repA, to the pool, claimed by repB.
    const history = (await get('leader', `/customers/${idle.id}/history`).expect(200)).body as {
      items: { kind: string; from: string | null; to: string; reason: string | null }[];
    };
    expect(history.items.filter((item) => item.kind === 'owner')).toEqual([
      expect.objectContaining({ from: null, to: members['repA'] }),
      expect.objectContaining({ from: members['repA'], to: POOL_OWNER_ID, reason: 'pool:idle' }),
      expect.objectContaining({ from: POOL_OWNER_ID, to: members['repB'], reason: 'pool:claimed' }),
    ]);
    const types = await waitFor(
      async () => {
        const found = (await eventsAbout(idle.id)).map((event) => event.type);
        return found.includes('customers.pool.claimed') ? found : undefined;
      },
      { what: 'customers.pool.claimed' },
    );
    expect(types.filter((type) => type === 'customers.pool.recycled')).toHaveLength(1);
    expect(types.filter((type) => type === 'customers.pool.warned')).toHaveLength(1);

    const report = (await get('leader', `/pool/report?teamId=${teamId}`).expect(200)).body as {
      reps: { memberId: string; held: number; recycled: number }[];
    };
    expect(report.reps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ memberId: members['repA'], recycled: 1 }),
        expect.objectContaining({ memberId: members['repB'], held: 1, recycled: 0 }),
      ]),
    );
    const own = (await get('repA', `/pool/report?teamId=${teamId}`).expect(200)).body as {
      reps: { memberId: string }[];
    };
    expect(own.reps.map((rep) => rep.memberId)).toEqual([members['repA']]);
    await get('stranger', `/pool/report?teamId=${teamId}`).expect(404);
  });

  it('lets one of two claims of the same customer win, and stops a rep at the claim cap under concurrent claims', async () => {
    const fresh = idleEarly.slice(0, 4);
    for (const customer of fresh) await inPool(customer.id);
    const [raced, ...rest] = fresh as [Customer, ...Customer[]];

    const race = await Promise.all([
      post('repA', `/pool/${raced.id}/claim`),
      post('repC', `/pool/${raced.id}/claim`),
    ]);
    expect(race.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(race.find((answer) => answer.status === 409)?.body).toMatchObject({
      code: 'POOL_CUSTOMER_NOT_IN_POOL',
    });

    // repB holds one open customer; the cap is two: of three claims at once, one wins.
    const claims = await Promise.all(
      rest.map((customer) => post('repB', `/pool/${customer.id}/claim`)),
    );
    expect(claims.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    for (const refused of claims.filter((answer) => answer.status === 409)) {
      expect(refused.body).toMatchObject({ code: 'POOL_CLAIM_CAP_REACHED' });
    }
    const report = (await get('leader', `/pool/report?teamId=${teamId}`).expect(200)).body as {
      reps: { memberId: string; held: number }[];
    };
    expect(report.reps.find((rep) => rep.memberId === members['repB'])?.held).toBe(2);
  });

  it('lets a leader assign from the pool, and refuses reps and leaders of other teams', async () => {
    const customer = idleEarly[4] as Customer;
    await inPool(customer.id);

    await post('repA', `/pool/${customer.id}/assign`, { ownerId: members['repA'] }).expect(403);
    await post('otherLeader', `/pool/${customer.id}/assign`, {
      ownerId: members['stranger'],
    }).expect(404);
    const refused = await post('leader', `/pool/${customer.id}/assign`, {
      ownerId: members['stranger'],
    }).expect(422);
    expect(refused.body).toMatchObject({ code: 'CUSTOMER_OWNER_INVALID' });
    await post('leader', `/pool/${customer.id}/assign`, {}).expect(400);

    const assigned = (
      await post('leader', `/pool/${customer.id}/assign`, { ownerId: members['repA'] }).expect(200)
    ).body as Customer;
    expect(assigned.ownerId).toBe(members['repA']);
    await get('repA', `/customers/${customer.id}`).expect(200);
    const again = await post('leader', `/pool/${customer.id}/assign`, {
      ownerId: members['repC'],
    }).expect(409);
    expect(again.body).toMatchObject({ code: 'POOL_CUSTOMER_NOT_IN_POOL' });
    await post('leader', `/pool/${randomUUID()}/claim`).expect(404);
    await get('leader', '/pool?teamId=not-a-uuid').expect(400);
  });

  it('lets the owner release an open customer to the pool by hand, and nobody else', async () => {
    // Back to the present: nothing registered now falls due by itself during this test.
    await moveClockTo(new Date());
    const customer = (
      await post('repA', '/customers', { name: 'Tang Wei', channel: 'online' }).expect(201)
    ).body as Customer;
    await post('repB', `/pool/${customer.id}/release`, { reason: 'not mine' }).expect(404);
    await post('repA', `/pool/${customer.id}/release`, {}).expect(400);
    const released = (
      await post('repA', `/pool/${customer.id}/release`, { reason: 'moved abroad' }).expect(200)
    ).body as PoolEntry;
    expect(released).toMatchObject({ fromOwnerId: members['repA'], reason: 'released' });
    expect((await poolOf('repB')).map((entry) => entry.customer.id)).toContain(customer.id);
    const again = await post('leader', `/pool/${customer.id}/release`, { reason: 'x' }).expect(409);
    expect(again.body).toMatchObject({ code: 'POOL_CUSTOMER_IN_POOL' });

    const won = (
      await post('repA', '/customers', { name: 'Yao Jun', channel: 'online' }).expect(201)
    ).body as Customer;
    await post('leader', `/customers/${won.id}/mark-won`).expect(200);
    const closed = await post('repA', `/pool/${won.id}/release`, { reason: 'x' }).expect(409);
    expect(closed.body).toMatchObject({ code: 'CUSTOMER_STAGE_NOT_ALLOWED' });
  });
});

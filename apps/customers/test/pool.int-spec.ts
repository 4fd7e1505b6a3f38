import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { CompanyCalendar } from '@salesops/calendar';
import { type Customer, CustomersRpc, POOL_OWNER_ID } from '@salesops/customers-contracts';
import { teamOfReps } from '@salesops/customers-testing';
import {
  DomainError,
  type IdentityClaims,
  IdentitySigner,
  privateKeyFromBase64,
  RpcClient,
} from '@salesops/rpc';
import {
  errorOf,
  ServiceProcess,
  TEST_IDENTITY_KEYS,
  TestClockFile,
  testDatabaseBaseUrl,
  waitFor,
} from '@salesops/testing';

import { outboxCount } from './support/outbox-count';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const calendar = new CompanyCalendar('Asia/Shanghai');
const MINUTE = 60_000;

/**
 * The pool's sweep with two instances of the customers service on one moved clock: the warning
 * and the recycle happen once, on the company day; claims race and stop at the cap.
 */
describe('the public pool over NATS, two instances', () => {
  jest.setTimeout(120_000);

  let members: ServiceProcess;
  let instances: ServiceProcess[];
  let nc: NatsConnection;
  let rpc: RpcClient;
  let db: Pool;
  const clock = new TestClockFile('pool-clock-');
  const setClock = (at: Date) => clock.runFrom(at);
  const signer = new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey));

  const context = (identity: IdentityClaims) => ({ requestId: randomUUID(), identity });
  const row = async (id: string) =>
    (
      await db.query<{ ownerId: string; poolWarnedAt: Date | null; pooledAt: Date | null }>(
        `SELECT "ownerId", "poolWarnedAt", "pooledAt" FROM customers.customer WHERE id = $1`,
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    const env = { DUE_SWEEP_MS: '150', TEST_CLOCK_FILE: clock.path };
    [members, ...instances] = await Promise.all([
      ServiceProcess.start('members', { natsUrl }),
      ServiceProcess.start('customers', { natsUrl, env }),
      ServiceProcess.start('customers', { natsUrl, env }),
    ]);
    nc = await connect({ servers: natsUrl });
    rpc = new RpcClient(nc, undefined, signer);
    db = new Pool({ connectionString: testDatabaseBaseUrl(), max: 2 });
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await nc?.close();
    await Promise.all([members?.stop(), ...(instances ?? []).map((one) => one.stop())]);
  });

  const newTeam = (reps: number) =>
    teamOfReps(rpc, reps, { poolIdleDays: 4, poolStaleDays: 30, poolWarnDays: 1, poolClaimCap: 1 });
  const passes = async (instance: ServiceProcess) => {
    const text = await (await fetch(`http://127.0.0.1:${instance.opsPort}/metrics`)).text();
    const line = text
      .split('\n')
      .find((entry) => entry.startsWith('salesops_sweep_passes_total{kind="pool-warning"'));
    return Number(line?.split(' ')[1] ?? 0);
  };
  const sweptTwice = async () => {
    const before = await Promise.all(instances.map(passes));
    await waitFor(
      async () =>
        (await Promise.all(instances.map(passes))).every(
          (count, i) => count >= (before[i] ?? 0) + 2,
        ),
      { what: 'two warning sweeps of each instance' },
    );
  };
  const register = (identity: IdentityClaims) =>
    rpc.call(
      CustomersRpc.createCustomer,
      {
        idempotencyKey: null,
        input: {
          name: 'Lin Qing',
          phone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
          channel: 'online',
        },
      },
      context(identity),
    );

  it('warns once on the company day before, recycles once, and lets one of two claims win within the cap', async () => {
    const { teamId, leader, reps, repIds } = await newTeam(3);
    const [owner, claimer, rival] = reps as [IdentityClaims, IdentityClaims, IdentityClaims];
    const idle: Customer = await register(owner);
    const day = calendar.dayOf(new Date(idle.createdAt));
    const warnAt = calendar.startOfDay(calendar.addDays(day, 3));
    const dueAt = calendar.startOfDay(calendar.addDays(day, 4));

    setClock(new Date(warnAt.getTime() - MINUTE));
    // Both instances sweep twice: nothing is due yet.
    await sweptTwice();
    expect((await row(idle.id))?.poolWarnedAt).toBeNull();

    setClock(new Date(warnAt.getTime() + MINUTE));
    await waitFor(async () => (await row(idle.id))?.poolWarnedAt ?? undefined, {
      what: 'the warning',
    });
    setClock(new Date(dueAt.getTime() + MINUTE));
    await waitFor(async () => (await row(idle.id))?.pooledAt ?? undefined, {
      what: 'the recycle',
    });
    expect((await row(idle.id))?.ownerId).toBe(POOL_OWNER_ID);
    // Two instances swept side by side: each was done once.
    expect(await outboxCount(db, 'customers.pool.warned', idle.id)).toBe(1);
    expect(await outboxCount(db, 'customers.pool.recycled', idle.id)).toBe(1);

    const pool = await rpc.call(
      CustomersRpc.listPool,
      { limit: 100, contact: 'masked' },
      context(claimer),
    );
    const entry = pool.items.find((item) => item.customer.id === idle.id);
    expect(entry?.customer.phone).toContain('*');

    const race = await Promise.allSettled([
      rpc.call(CustomersRpc.claimFromPool, { customerId: idle.id }, context(claimer)),
      rpc.call(CustomersRpc.claimFromPool, { customerId: idle.id }, context(rival)),
    ]);
    const outcomes = race.map((one) =>
      one.status === 'fulfilled'
        ? 'ok'
        : one.reason instanceof DomainError
          ? one.reason.code
          : String(one.reason),
    );
    expect(outcomes.sort()).toEqual(['POOL_CUSTOMER_NOT_IN_POOL', 'ok']);
    const lost = race.find((one) => one.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as DomainError).code).toBe('POOL_CUSTOMER_NOT_IN_POOL');
    const winner = (
      race.find((one) => one.status === 'fulfilled') as PromiseFulfilledResult<Customer>
    ).value;
    expect(repIds.slice(1)).toContain(winner.ownerId);
    expect(winner.phone).not.toContain('*');

    // The cap is one open customer: the winner may claim no more.
    setClock(new Date());
    const more = await register(owner);
    await rpc.call(
      CustomersRpc.releaseToPool,
      { customerId: more.id, input: { reason: 'handing on' } },
      context(owner),
    );
    const winnerIdentity = winner.ownerId === repIds[1] ? claimer : rival;
    const capped = await errorOf(
      rpc.call(CustomersRpc.claimFromPool, { customerId: more.id }, context(winnerIdentity)),
    );
    expect(capped.code).toBe('POOL_CLAIM_CAP_REACHED');
    const assigned = await rpc.call(
      CustomersRpc.assignFromPool,
      { customerId: more.id, input: { ownerId: winner.ownerId } },
      context(leader),
    );
    expect(assigned.ownerId).toBe(winner.ownerId);
    const report = await rpc.call(CustomersRpc.poolReport, { teamId }, context(leader));
    expect(report.reps.find((rep) => rep.memberId === repIds[0])).toMatchObject({ recycled: 1 });
  });

  it("stamps a customer's creation and its stage changes with the service's clock", async () => {
    const { leader, reps } = await newTeam(1);
    // 01:00 on 1 March in Shanghai is still February in UTC.
    const at = '2021-02-28T17:00:00.000Z';
    clock.freezeAt(at);
    let customer: Customer;
    try {
      customer = await register(reps[0] as IdentityClaims);
      await rpc.call(
        CustomersRpc.markWon,
        { id: customer.id, expectedVersion: null },
        context(leader),
      );
    } finally {
      clock.reset();
    }
    const { rows } = await db.query<{ type: string; envelope: { data: Record<string, string> } }>(
      `SELECT type, envelope FROM customers.outbox_event WHERE subject = $1 ORDER BY seq`,
      [customer.id],
    );
    const data = (type: string) => rows.find((row) => row.type === type)?.envelope.data;
    expect(data('customers.customer.created')?.['createdAt']).toBe(at);
    expect(data('customers.customer.stage_changed')?.['changedAt']).toBe(at);
    expect(data('customers.customer.won')?.['wonAt']).toBe(at);
    const { rows: stored } = await db.query<{ createdAt: Date }>(
      `SELECT "createdAt" FROM customers.customer WHERE id = $1`,
      [customer.id],
    );
    expect(stored[0]?.createdAt.toISOString()).toBe(at);
  });
});

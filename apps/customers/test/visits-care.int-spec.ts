import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { CompanyCalendar } from '@salesops/calendar';
import { CustomersRpc } from '@salesops/customers-contracts';
import { teamOfReps } from '@salesops/customers-testing';
import {
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

/** Visits (plan, complete, cancel, overdue) and care reminders (a birthday on the company day). */
describe('visits and care reminders over NATS', () => {
  jest.setTimeout(120_000);

  let members: ServiceProcess;
  let instances: ServiceProcess[];
  let nc: NatsConnection;
  let rpc: RpcClient;
  let db: Pool;
  const clock = new TestClockFile('care-clock-');
  const setClock = (at: Date) => clock.runFrom(at);
  const signer = new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey));

  const context = (identity: IdentityClaims) => ({ requestId: randomUUID(), identity });

  beforeAll(async () => {
    const env = { DUE_SWEEP_MS: '150', TEST_CLOCK_FILE: clock.path };
    [members, ...instances] = await Promise.all([
      ServiceProcess.start('members', { natsUrl }),
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

  const newTeam = (reps: number) => teamOfReps(rpc, reps, { visitOverdueDays: 2 });
  const DAY = 24 * 60 * MINUTE;
  const greetingDay = calendar.addDays(calendar.dayOf(new Date()), 1);
  const passes = async (instance: ServiceProcess) => {
    const text = await (await fetch(`http://127.0.0.1:${instance.opsPort}/metrics`)).text();
    const line = text
      .split('\n')
      .find((entry) => entry.startsWith('salesops_sweep_passes_total{kind="care-day"'));
    return Number(line?.split(' ')[1] ?? 0);
  };
  const sweptTwice = async () => {
    const before = await Promise.all(instances.map(passes));
    await waitFor(
      async () =>
        (await Promise.all(instances.map(passes))).every(
          (count, i) => count >= (before[i] ?? 0) + 2,
        ),
      { what: 'two care-day sweeps' },
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

  const task = (identity: IdentityClaims) =>
    rpc.call(CustomersRpc.tasks, {}, context(identity)).then((reply) => reply.items);
  const summary = { effect: 'Samples liked', lessons: 'Bring prices' };

  it('plans, completes (a follow-up, announced) and cancels visits, refusing what the rules forbid', async () => {
    const { reps, leader } = await newTeam(2);
    const [rep, colleague] = reps as [IdentityClaims, IdentityClaims];
    const customer = await register(rep);
    const plan = (scheduledAt: Date) =>
      rpc.call(
        CustomersRpc.planVisit,
        {
          idempotencyKey: null,
          input: {
            customerId: customer.id,
            purpose: 'Demo',
            keyPoints: [],
            scheduledAt: scheduledAt.toISOString(),
          },
        },
        context(rep),
      );
    const planned = await plan(new Date(Date.now() + DAY));
    expect(planned.overdueAt).toBe(
      calendar
        .startOfDay(calendar.addDays(calendar.dayOf(new Date(planned.scheduledAt)), 3))
        .toISOString(),
    );
    const other = await register(colleague);
    expect(
      (
        await errorOf(
          rpc.call(
            CustomersRpc.planVisit,
            {
              idempotencyKey: null,
              input: {
                customerId: other.id,
                purpose: 'x',
                keyPoints: [],
                scheduledAt: new Date().toISOString(),
              },
            },
            context(rep),
          ),
        )
      ).code,
    ).toBe('CUSTOMER_NOT_FOUND');
    const complete = (id: string, who: IdentityClaims) =>
      rpc.call(
        CustomersRpc.completeVisit,
        { id, expectedVersion: null, input: { summary, outcome: 'quote asked' } },
        context(who),
      );
    expect((await errorOf(complete(planned.id, colleague))).code).toBe('VISIT_NOT_FOUND');
    const done = await complete(planned.id, rep);
    expect(done).toMatchObject({ status: 'completed', summary, outcome: 'quote asked' });
    const after = await rpc.call(CustomersRpc.getCustomer, { id: customer.id }, context(rep));
    expect(after.stage).toBe('contacted');
    expect(after.lastContactAt).not.toBeNull();
    expect(await outboxCount(db, 'customers.visit.completed', planned.id)).toBe(1);
    expect((await errorOf(complete(planned.id, rep))).code).toBe('VISIT_NOT_PLANNED');

    const second = await plan(new Date(Date.now() + 2 * DAY));
    const cancelled = await rpc.call(
      CustomersRpc.cancelVisit,
      { id: second.id, expectedVersion: null, input: { reason: 'travelling' } },
      context(rep),
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'travelling' });
    expect((await errorOf(complete(second.id, rep))).code).toBe('VISIT_NOT_PLANNED');

    const late = await plan(new Date(Date.now() - 4 * DAY));
    await waitFor(
      async () =>
        (await task(rep)).some((one) => one.kind === 'visit.overdue' && one.subjectId === late.id),
      { what: 'the overdue visit task' },
    );
    expect(await task(leader)).toContainEqual(
      expect.objectContaining({ kind: 'visit.overdue-in-team', subjectId: late.id }),
    );
  });

  it('greets a customer on their birthday from the start of the company day, once, for the owner to mark', async () => {
    const { reps, leader } = await newTeam(1);
    const [rep] = reps as [IdentityClaims];
    const customer = await rpc.call(
      CustomersRpc.createCustomer,
      {
        idempotencyKey: null,
        input: {
          name: 'Bai Xue',
          phone: `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
          birthday: `1990-${greetingDay.slice(5)}`,
          channel: 'online',
        },
      },
      context(rep),
    );
    await db.query(`DELETE FROM customers.care_day WHERE day = $1`, [greetingDay]);
    const start = calendar.startOfDay(greetingDay);
    const list = () =>
      rpc
        .call(
          CustomersRpc.listCareReminders,
          { limit: 20, status: 'open', customerId: customer.id },
          context(rep),
        )
        .then((page) => page.items);

    setClock(new Date(start.getTime() - MINUTE));
    await sweptTwice();
    expect(await list()).toEqual([]);
    setClock(new Date(start.getTime() + MINUTE));
    const [greeting] = await waitFor(async () => ((await list()).length > 0 ? list() : undefined), {
      what: 'the birthday greeting',
    });
    expect(greeting).toMatchObject({ kind: 'birthday', day: greetingDay, customerName: 'Bai Xue' });
    await sweptTwice();
    expect(await list()).toHaveLength(1);
    expect(await task(rep)).toContainEqual(
      expect.objectContaining({ kind: 'customer.greeting', subjectId: greeting?.id }),
    );
    const id = greeting?.id as string;
    expect(
      (await errorOf(rpc.call(CustomersRpc.careReminderDone, { id }, context(leader)))).code,
    ).toBe('CARE_REMINDER_NOT_OWNER');
    expect((await rpc.call(CustomersRpc.careReminderDone, { id }, context(rep))).status).toBe(
      'done',
    );
    expect(
      (await errorOf(rpc.call(CustomersRpc.dismissCareReminder, { id }, context(rep)))).code,
    ).toBe('CARE_REMINDER_NOT_OPEN');
    setClock(new Date());
  });
});

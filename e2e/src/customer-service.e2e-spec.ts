import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';
import { waitFor } from '@salesops/testing';

import { storedEnvelopes } from './support/bus';
import { peopleFixture } from './support/people';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const calendar = new CompanyCalendar('Asia/Shanghai');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const POOL_OWNER_ID = '00000000-0000-0000-0000-000000000000';
/** One test takes an order through fulfilment, a complaint through its life and days of a pool. */
jest.setTimeout(300_000);

interface Complaint {
  id: string;
  status: string;
  handlerId: string;
  ownerId: string;
  receivedAt: string;
  ackDueAt: string;
  ackBreached: boolean;
  resolveBreached: boolean;
  rootCause: { category: string; notes: string } | null;
  responsibleMemberId: string | null;
  satisfaction: number | null;
  version: number;
}
interface Revisit {
  id: string;
  customerId: string;
  dueAt: string;
  status: string;
  overdue: boolean;
}
interface Customer {
  id: string;
  ownerId: string;
  teamId: string;
  createdAt: string;
}
interface PoolEntry {
  customer: Customer;
  fromOwnerId: string | null;
  reason: string | null;
}
interface Envelope {
  type: string;
  subject: string;
  subjectVersion: number | null;
  data: Record<string, unknown>;
}
interface Task {
  id: string;
  kind: string;
  subjectId: string;
  dueAt: string | null;
}

/**
 * Customer service end to end through the gateway, in one stack and one team: a delivered order
 * makes a revisit due; a complaint acknowledged late is breached by the sweep, resolved with a
 * sales-skill root cause (remedial enrollment published and taken up by training) and closed with
 * a rating; then, days later, an idle customer is warned, recycled to the pool and claimed by
 * another rep. The complaint runs on hours first, so moving the clock by days for the pool comes
 * after every complaint deadline that is asserted.
 */
describe('customer service through the gateway', () => {
  let stack: Stack;
  let nats: NatsConnection;
  const { person, signInAgain, moveClockTo, post, get } = peopleFixture(() => stack);
  const eventsAbout = async (subject: string) =>
    (await storedEnvelopes<Envelope>(nats, 'SALESOPS_CUSTOMERS')).filter(
      (event) => event.subject === subject,
    );
  const tasksOf = async (who: string) =>
    ((await get(who, '/me/tasks').expect(200)).body as { items: Task[] }).items;
  const warningPasses = async () => {
    const customers = stack.service('customers');
    const text = await (await fetch(`http://127.0.0.1:${customers.opsPort}/metrics`)).text();
    const line = text
      .split('\n')
      .find((entry) => entry.startsWith('salesops_sweep_passes_total{kind="pool-warning"'));
    return Number(line?.split(' ')[1] ?? 0);
  };

  beforeAll(async () => {
    stack = await Stack.start(
      natsUrl,
      { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' },
      {},
      (service) => (service === 'customers' ? { DUE_SWEEP_MS: '200' } : {}),
    );
    stack.runClockFrom(new Date());
    nats = await connect({ servers: natsUrl });
  }, 180_000);

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('makes a revisit due after delivery; breaches, resolves (remedial enrollment) and closes a late complaint; warns, recycles and hands an idle customer to another rep', async () => {
    await person('director', ['director']);
    await person('trainer', ['trainer']);
    const remedialCourseId = (
      (
        await post('trainer', '/courses', {
          title: `Promises we can keep ${randomUUID().slice(0, 8)}`,
          category: 'customer_service',
          mode: 'offline',
          durationMinutes: 90,
        }).expect(201)
      ).body as { id: string }
    ).id;
    const teamId = (
      (
        await post('director', '/teams', {
          name: `Service ${randomUUID()}`,
          kind: 'online_sales',
          settings: {
            complaintAckHours: 2,
            complaintResolveHours: 48,
            revisitAfterDeliveryDays: 7,
            revisitEveryDays: 90,
            remedialCourseId,
            poolIdleDays: 5,
            poolStaleDays: 20,
            poolWarnDays: 2,
            poolClaimCap: 2,
          },
        }).expect(201)
      ).body as { id: string }
    ).id;
    const hire = async (position: string) =>
      (
        (
          await post('director', '/members', {
            employeeNo: `SV-${randomUUID().slice(0, 8)}`,
            name: 'Du Min',
            teamId,
            position,
            track: 'professional',
            level: position,
          }).expect(201)
        ).body as { id: string }
      ).id;
    const repAId = await hire('sales_rep');
    const repBId = await hire('sales_rep');
    const serviceId = await hire('customer_service');
    await person('repA', ['sales_rep'], repAId, teamId);
    await person('repB', ['sales_rep'], repBId, teamId);
    await person('service', ['customer_service'], serviceId, teamId);
    await person('leader', ['team_leader'], null, teamId);
    await person('operations', ['operations'], null, teamId);
    // The customers service knows the team (and its pool settings) before its customers exist.
    await waitFor(
      async () => (await get('leader', `/lead-quota?teamId=${teamId}`)).status === 200,
      { what: "the team's settings in customers" },
    );

    // A delivered order makes a revisit due revisitAfterDeliveryDays after delivery.
    const customerId = (
      (await waitFor(
        async () => {
          const created = await post('repA', '/customers', {
            name: 'Tang Wei',
            channel: 'referral',
          });
          return created.status === 201 ? created : undefined;
        },
        { what: 'the rep known to customers' },
      )) as { body: { id: string } }
    ).body.id;
    const product = (
      await post('operations', '/products', {
        sku: `SV-${randomUUID().slice(0, 8)}`,
        name: 'Air purifier',
        category: 'home',
        listPrice: '1999.00',
        floorPrice: '1500.00',
        unitCost: '1200.00',
      }).expect(201)
    ).body as { id: string };
    let order = (
      await post('repA', '/orders', {
        customerId,
        lines: [{ productId: product.id, quantity: 1 }],
      }).expect(201)
    ).body as { id: string; version: number };
    order = (await post('repA', `/orders/${order.id}/submit`, {}, order.version).expect(200))
      .body as typeof order;
    order = (await post('leader', `/orders/${order.id}/approve`, {}, order.version).expect(200))
      .body as typeof order;
    for (const step of ['in_production', 'packed', 'shipped', 'delivered']) {
      const extra = step === 'shipped' ? { carrier: 'SF Express', trackingNo: 'SF1' } : {};
      order = (
        await post(
          'operations',
          `/orders/${order.id}/fulfil`,
          { step, ...extra },
          order.version,
        ).expect(200)
      ).body as typeof order;
    }
    const orderId = order.id;
    const revisit = await waitFor(
      async () =>
        (
          (await get('repA', `/revisits?orderId=${orderId}`).expect(200)).body as {
            items: Revisit[];
          }
        ).items[0],
      { what: 'the revisit after delivery' },
    );
    const delivered = (await storedEnvelopes<Envelope>(nats, 'SALESOPS_ORDERS')).find(
      (event) => event.type === 'orders.order.delivered' && event.subject === orderId,
    );
    expect(revisit).toMatchObject({ customerId, status: 'due', overdue: false });
    expect(revisit.dueAt).toBe(
      calendar.dueAfterDays(new Date(String(delivered?.data['at'])), 7).toISOString(),
    );

    // A complaint about the order, handled by customer service (accepted once customers knows them).
    const complaint = (
      (await waitFor(
        async () => {
          const created = await post('repA', '/complaints', {
            customerId,
            orderId,
            severity: 'high',
            category: 'delivery',
            description: 'The purifier arrived a week late and nobody called back',
            handlerId: serviceId,
          });
          if (created.status === 422) return undefined;
          expect(created.status).toBe(201);
          return created;
        },
        { what: 'customer service known to customers' },
      )) as { body: Complaint }
    ).body;
    expect(complaint).toMatchObject({
      status: 'received',
      handlerId: serviceId,
      ownerId: repAId,
      ackBreached: false,
      resolveBreached: false,
    });
    expect(Date.parse(complaint.ackDueAt) - Date.parse(complaint.receivedAt)).toBe(2 * HOUR);
    expect((await tasksOf('service')).map((task) => task.id)).toContain(
      `complaint.acknowledge:${complaint.id}`,
    );

    // Past the acknowledgement deadline the sweep flags the breach, with nobody looking.
    stack.moveClock(2 * HOUR + MINUTE);
    await signInAgain();
    const breach = await waitFor(
      async () =>
        (await eventsAbout(complaint.id)).find(
          (event) => event.type === 'customers.complaint.breached',
        ),
      { what: 'the acknowledgement breach' },
    );
    expect(breach.data).toMatchObject({
      deadline: 'ack',
      dueAt: complaint.ackDueAt,
      handlerId: serviceId,
    });
    let current = (await get('service', `/complaints/${complaint.id}`).expect(200))
      .body as Complaint;
    expect(current).toMatchObject({
      status: 'received',
      ackBreached: true,
      resolveBreached: false,
    });

    // Acknowledged late, investigated, resolved with a sales-skill root cause, closed with a rating.
    current = (
      await post('service', `/complaints/${complaint.id}/acknowledge`, {}, current.version).expect(
        200,
      )
    ).body as Complaint;
    expect(current).toMatchObject({ status: 'acknowledged', ackBreached: true });
    current = (
      await post('service', `/complaints/${complaint.id}/investigate`, {}, current.version).expect(
        200,
      )
    ).body as Complaint;
    current = (
      await post(
        'service',
        `/complaints/${complaint.id}/resolve`,
        {
          resolution: 'Replaced the unit and apologised',
          rootCause: { category: 'sales_skill', notes: 'Promised a delivery date we never had' },
          responsibleMemberId: repAId,
        },
        current.version,
      ).expect(200)
    ).body as Complaint;
    expect(current).toMatchObject({
      status: 'resolved',
      rootCause: { category: 'sales_skill' },
      responsibleMemberId: repAId,
      resolveBreached: false,
    });
    current = (
      await post(
        'service',
        `/complaints/${complaint.id}/close`,
        { satisfaction: 4 },
        current.version,
      ).expect(200)
    ).body as Complaint;
    expect(current).toMatchObject({ status: 'closed', satisfaction: 4 });

    const complaintEvents = await waitFor(
      async () => {
        const found = await eventsAbout(complaint.id);
        return found.some((event) => event.type === 'customers.complaint.closed')
          ? found
          : undefined;
      },
      { what: 'the complaint events' },
    );
    expect(complaintEvents.map((event) => event.type)).toEqual([
      'customers.complaint.received',
      'customers.complaint.breached',
      'customers.complaint.acknowledged',
      'customers.complaint.resolved',
      'customers.complaint.closed',
    ]);
    expect(
      complaintEvents.find((event) => event.type === 'customers.complaint.acknowledged')?.data,
    ).toMatchObject({ late: true });
    expect(
      complaintEvents.find((event) => event.type === 'customers.complaint.resolved')?.data,
    ).toMatchObject({
      rootCauseCategory: 'sales_skill',
      responsibleMemberId: repAId,
      remedialCourseId,
    });
    expect(
      complaintEvents.find((event) => event.type === 'customers.complaint.closed')?.data,
    ).toMatchObject({ satisfaction: 4, orderId });
    // Training takes the published enrollment up: the responsible rep is back in class.
    const remedial = await waitFor(
      async () =>
        (
          (await get('leader', `/members/${repAId}/training-record`).expect(200)).body as {
            enrollments: { reason: string; courseId: string; complaintId: string | null }[];
          }
        ).enrollments.find((row) => row.reason === 'remedial'),
      { what: 'the remedial enrollment in training' },
    );
    expect(remedial).toMatchObject({ courseId: remedialCourseId, complaintId: complaint.id });

    // Now days pass: an idle customer of repA is warned poolWarnDays (2) before its poolIdleDays (5)
    // from the company day it was registered on (Asia/Shanghai), recycled, and claimed by repB.
    const idle = (
      await post('repA', '/customers', {
        name: 'Feng Lan',
        phone: `139${String(Date.now() % 1e8).padStart(8, '0')}`,
        channel: 'referral',
      }).expect(201)
    ).body as Customer;
    const registered = calendar.dayOf(new Date(idle.createdAt));
    const warnAt = calendar.startOfDay(calendar.addDays(registered, 3));
    const dueAt = calendar.startOfDay(calendar.addDays(registered, 5));

    await moveClockTo(new Date(warnAt.getTime() - MINUTE));
    const before = await warningPasses();
    await waitFor(async () => (await warningPasses()) >= before + 2, {
      what: 'two warning sweeps',
    });
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
      async () =>
        (await eventsAbout(idle.id)).find((event) => event.type === 'customers.pool.warned'),
      { what: 'customers.pool.warned' },
    );
    expect(warned.data).toMatchObject({ ownerId: repAId, teamId, reason: 'idle' });
    await get('repA', `/customers/${idle.id}`).expect(200);

    await moveClockTo(new Date(dueAt.getTime() + MINUTE));
    const entry = await waitFor(
      async () =>
        (
          (await get('leader', `/pool?limit=100&teamId=${teamId}`).expect(200)).body as {
            items: PoolEntry[];
          }
        ).items.find((item) => item.customer.id === idle.id),
      { what: 'the idle customer in the pool' },
    );
    expect(entry).toMatchObject({ fromOwnerId: repAId, reason: 'idle' });
    expect(entry.customer.ownerId).toBe(POOL_OWNER_ID);
    await get('repA', `/customers/${idle.id}`).expect(404);

    const claimed = (await post('repB', `/pool/${idle.id}/claim`).expect(200)).body as Customer;
    expect(claimed).toMatchObject({ id: idle.id, ownerId: repBId, teamId });
    const owned = (await get('repB', `/customers/${idle.id}`).expect(200)).body as Customer;
    expect(owned.ownerId).toBe(repBId);
    const poolEvents = await waitFor(
      async () => {
        const found = await eventsAbout(idle.id);
        return found.some((event) => event.type === 'customers.pool.claimed') ? found : undefined;
      },
      { what: 'customers.pool.claimed' },
    );
    expect(
      poolEvents.map((event) => event.type).filter((type) => type.startsWith('customers.pool.')),
    ).toEqual(['customers.pool.warned', 'customers.pool.recycled', 'customers.pool.claimed']);
    expect(
      poolEvents.find((event) => event.type === 'customers.pool.recycled')?.data,
    ).toMatchObject({ fromOwnerId: repAId, reason: 'idle', teamId });
    expect(poolEvents.find((event) => event.type === 'customers.pool.claimed')?.data).toMatchObject(
      { ownerId: repBId, how: 'claimed', teamId },
    );
  });
});

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';
import { ServiceProcess, waitFor } from '@salesops/testing';

import { storedEnvelopes } from './support/bus';
import { gatewayFixture } from './support/gateway-fixture';
import { Stack } from './support/stack';
import { testDb } from './support/test-db';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const HOUR_MS = 60 * 60 * 1000;
const calendar = new CompanyCalendar('Asia/Shanghai');
/** Each test takes an order through fulfilment and restarts a service: more than the default. */
jest.setTimeout(180_000);

interface Complaint {
  id: string;
  status: string;
  handlerId: string;
  ownerId: string;
  receivedAt: string;
  ackDueAt: string;
  resolveDueAt: string;
  ackBreached: boolean;
  resolveBreached: boolean;
  rootCause: { category: string; notes: string } | null;
  responsibleMemberId: string | null;
  satisfaction: number | null;
  reopenCount: number;
  version: number;
}
interface Revisit {
  id: string;
  customerId: string;
  orderId: string | null;
  dueAt: string;
  status: string;
  overdue: boolean;
  satisfaction: number | null;
}
interface Envelope {
  id: string;
  type: string;
  subject: string;
  subjectVersion: number | null;
  data: Record<string, unknown>;
}

/**
 * Customer service after the sale, through the gateway: a delivered order makes a revisit due; a
 * complaint is received, breached by the sweep, worked through to closed; the remedial enrollment
 * for a sales-skill root cause is published.
 */
describe('complaints and revisits through the gateway', () => {
  let stack: Stack;
  let nats: NatsConnection;
  let director: string;
  const gateway = gatewayFixture(() => stack);
  const { post, get } = gateway;
  const customerEvents = async (subject: string) =>
    (await storedEnvelopes<Envelope>(nats, 'SALESOPS_CUSTOMERS')).filter(
      (event) => event.subject === subject,
    );

  const remedialCourseId = randomUUID();

  /** A team with its people: two reps, customer service, a leader, operations. */
  const newTeam = async () => {
    const teamId = (
      (
        await post(director, '/teams', {
          name: `Care ${randomUUID()}`,
          kind: 'online_sales',
          settings: {
            complaintAckHours: 2,
            complaintResolveHours: 48,
            revisitAfterDeliveryDays: 7,
            revisitEveryDays: 90,
            remedialCourseId,
          },
        }).expect(201)
      ).body as { id: string }
    ).id;
    const hire = async (position: string, level: string) =>
      (
        (
          await post(director, '/members', {
            employeeNo: `CS-${randomUUID().slice(0, 8)}`,
            name: 'He Jing',
            teamId,
            position,
            track: 'professional',
            level,
          }).expect(201)
        ).body as { id: string }
      ).id;
    const repId = await hire('sales_rep', 'sales_rep');
    const otherRepId = await hire('sales_rep', 'sales_rep');
    const serviceId = await hire('customer_service', 'customer_service');
    return {
      teamId,
      repId,
      otherRepId,
      serviceId,
      rep: (await stack.userWithToken(['sales_rep'], repId, teamId)).token,
      otherRep: (await stack.userWithToken(['sales_rep'], otherRepId, teamId)).token,
      service: (await stack.userWithToken(['customer_service'], serviceId, teamId)).token,
      leader: (await stack.userWithToken(['team_leader'], null, teamId)).token,
      operations: (await stack.userWithToken(['operations'], null, teamId)).token,
    };
  };
  type Team = Awaited<ReturnType<typeof newTeam>>;

  const newCustomer = (token: string) =>
    gateway.registerCustomer(token, { name: 'Tang Wei', channel: 'referral' });

  /**
   * The first complaint of a team names customer service as handler, which customers accepts once
   * it knows them (422 until then, nothing received); later ones default to them.
   */
  const complain = async (team: Team, customerId: string, extra: object = {}) =>
    (
      (await waitFor(
        async () => {
          const created = await post(team.rep, '/complaints', {
            customerId,
            severity: 'high',
            category: 'delivery',
            description: 'The purifier arrived scratched and nobody called back',
            handlerId: team.serviceId,
            ...extra,
          });
          if (created.status === 422) return undefined;
          expect(created.status).toBe(201);
          return created;
        },
        { what: 'customer service known to customers' },
      )) as { body: Complaint }
    ).body;

  /** An order of the customer taken through to delivered; its id and when it was delivered. */
  const deliverOrder = async (team: Team, customerId: string) => {
    const product = (
      await post(team.operations, '/products', {
        sku: `CARE-${randomUUID().slice(0, 8)}`,
        name: 'Air purifier',
        category: 'home',
        listPrice: '1999.00',
        floorPrice: '1500.00',
        unitCost: '1200.00',
      }).expect(201)
    ).body as { id: string };
    let order = (
      await post(team.rep, '/orders', {
        customerId,
        lines: [{ productId: product.id, quantity: 1 }],
      }).expect(201)
    ).body as { id: string; version: number };
    order = (await post(team.rep, `/orders/${order.id}/submit`, {}, order.version).expect(200))
      .body as typeof order;
    order = (await post(team.leader, `/orders/${order.id}/approve`, {}, order.version).expect(200))
      .body as typeof order;
    for (const step of ['in_production', 'packed', 'shipped', 'delivered']) {
      const extra = step === 'shipped' ? { carrier: 'SF Express', trackingNo: 'SF1' } : {};
      order = (
        await post(
          team.operations,
          `/orders/${order.id}/fulfil`,
          { step, ...extra },
          order.version,
        ).expect(200)
      ).body as typeof order;
    }
    return order.id;
  };

  const revisitsOf = async (token: string, query: string) =>
    ((await get(token, `/revisits?${query}`).expect(200)).body as { items: Revisit[] }).items;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, { RATE_LIMIT_PER_MINUTE: '100000' }, {}, (service) =>
      service === 'customers' ? { DUE_SWEEP_MS: '200' } : {},
    );
    stack.runClockFrom(new Date());
    nats = await connect({ servers: natsUrl });
    director = (await stack.userWithToken(['director'])).token;
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('makes a revisit due after delivery; a complaint acknowledged late is breached by the sweep, resolved with a sales-skill cause (remedial enrollment published) and closed with a rating', async () => {
    const team = await newTeam();
    const customerId = await newCustomer(team.rep);

    const orderId = await deliverOrder(team, customerId);
    const [revisit] = await waitFor(
      async () => {
        const found = await revisitsOf(team.rep, `orderId=${orderId}`);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the revisit after delivery' },
    );
    const delivered = (await storedEnvelopes<Envelope>(nats, 'SALESOPS_ORDERS')).find(
      (event) => event.type === 'orders.order.delivered' && event.subject === orderId,
    );
    expect(revisit).toMatchObject({ customerId, status: 'due', overdue: false });
    expect(revisit?.dueAt).toBe(
      calendar.dueAfterDays(new Date(String(delivered?.data['at'])), 7).toISOString(),
    );

    const complaint = await complain(team, customerId, { orderId });
    expect(complaint).toMatchObject({
      status: 'received',
      handlerId: team.serviceId,
      ownerId: team.repId,
      ackBreached: false,
      resolveBreached: false,
    });
    expect(Date.parse(complaint.ackDueAt) - Date.parse(complaint.receivedAt)).toBe(2 * HOUR_MS);
    expect(Date.parse(complaint.resolveDueAt) - Date.parse(complaint.receivedAt)).toBe(
      48 * HOUR_MS,
    );
    const tasks = async (token: string) =>
      ((await get(token, '/me/tasks').expect(200)).body as { items: { id: string }[] }).items.map(
        (task) => task.id,
      );
    expect(await tasks(team.service)).toContain(`complaint.acknowledge:${complaint.id}`);

    // Past the acknowledgement deadline the sweep flags the breach, with nobody looking.
    stack.moveClock(2 * HOUR_MS + 60_000);
    const breached = await waitFor(
      async () => {
        const events = await customerEvents(complaint.id);
        return events.some((event) => event.type === 'customers.complaint.breached')
          ? events
          : undefined;
      },
      { what: 'the acknowledgement breach' },
    );
    expect(
      breached.find((event) => event.type === 'customers.complaint.breached')?.data,
    ).toMatchObject({ deadline: 'ack', dueAt: complaint.ackDueAt, handlerId: team.serviceId });
    let current = (await get(team.service, `/complaints/${complaint.id}`).expect(200))
      .body as Complaint;
    expect(current).toMatchObject({
      ackBreached: true,
      resolveBreached: false,
      status: 'received',
    });

    current = (
      await post(
        team.service,
        `/complaints/${complaint.id}/acknowledge`,
        {},
        current.version,
      ).expect(200)
    ).body as Complaint;
    expect(current).toMatchObject({ status: 'acknowledged', ackBreached: true });
    current = (
      await post(
        team.service,
        `/complaints/${complaint.id}/investigate`,
        {},
        current.version,
      ).expect(200)
    ).body as Complaint;
    current = (
      await post(
        team.service,
        `/complaints/${complaint.id}/resolve`,
        {
          resolution: 'Replaced the unit and apologised',
          rootCause: { category: 'sales_skill', notes: 'Promised a delivery date we never had' },
          responsibleMemberId: team.repId,
        },
        current.version,
      ).expect(200)
    ).body as Complaint;
    expect(current).toMatchObject({
      status: 'resolved',
      rootCause: { category: 'sales_skill' },
      responsibleMemberId: team.repId,
      resolveBreached: false,
    });
    current = (
      await post(
        team.service,
        `/complaints/${complaint.id}/close`,
        { satisfaction: 4 },
        current.version,
      ).expect(200)
    ).body as Complaint;
    expect(current).toMatchObject({ status: 'closed', satisfaction: 4 });

    const events = await waitFor(
      async () => {
        const found = await customerEvents(complaint.id);
        return found.some((event) => event.type === 'customers.complaint.closed')
          ? found
          : undefined;
      },
      { what: 'the complaint events' },
    );
    expect(events.map((event) => event.type)).toEqual([
      'customers.complaint.received',
      'customers.complaint.breached',
      'customers.complaint.acknowledged',
      'customers.complaint.resolved',
      'customers.complaint.closed',
    ]);
    expect(
      events.find((event) => event.type === 'customers.complaint.acknowledged')?.data,
    ).toMatchObject({ late: true });
    expect(events.find((event) => event.type === 'customers.complaint.resolved')).toMatchObject({
      subjectVersion: current.version - 1,
      data: {
        rootCauseCategory: 'sales_skill',
        responsibleMemberId: team.repId,
        remedialCourseId,
        late: false,
      },
    });
    expect(events.find((event) => event.type === 'customers.complaint.closed')?.data).toMatchObject(
      {
        satisfaction: 4,
        orderId,
      },
    );

    // The revisit, done, makes the next one due in revisitEveryDays while the customer is active.
    const done = (
      await post(team.rep, `/revisits/${revisit?.id}/complete`, {
        satisfaction: 5,
        notes: 'Happy with the replacement',
      }).expect(200)
    ).body as Revisit;
    expect(done).toMatchObject({ status: 'completed', satisfaction: 5 });
    const next = (await revisitsOf(team.rep, `customerId=${customerId}&status=due`))[0];
    expect(next?.dueAt).toBe(calendar.dueAfterDays(stack.now(), 90).toISOString());
    expect(next?.orderId).toBeNull();
    const revisitEvents = await waitFor(
      async () => {
        const found = await customerEvents(revisit?.id as string);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the revisit event' },
    );
    expect(revisitEvents[0]).toMatchObject({
      type: 'customers.revisit.completed',
      data: { satisfaction: 5, orderId, memberId: team.repId },
    });
  });

  it('refuses every step out of turn, out of hand or out of reach, with a stable code; reopens back to investigating', async () => {
    const team = await newTeam();
    const other = await newTeam();
    const customerId = await newCustomer(team.rep);
    const otherCustomerId = await newCustomer(team.otherRep);
    const complaint = await complain(team, customerId);
    const path = `/complaints/${complaint.id}`;
    const code = (response: { body: unknown }) => (response.body as { code: string }).code;

    // Scope: the rep's own customers, customer service of the team, leaders; nobody else.
    expect(code(await get(team.otherRep, path).expect(404))).toBe('COMPLAINT_NOT_FOUND');
    expect(code(await get(other.service, path).expect(404))).toBe('COMPLAINT_NOT_FOUND');
    expect(code(await get(other.leader, path).expect(404))).toBe('COMPLAINT_NOT_FOUND');
    await get(team.rep, path).expect(200);
    await get(team.service, path).expect(200);
    await get(team.leader, path).expect(200);
    const listed = async (token: string) =>
      (
        (await get(token, `/complaints?customerId=${customerId}`).expect(200)).body as {
          items: Complaint[];
        }
      ).items.map((item) => item.id);
    expect(await listed(team.rep)).toEqual([complaint.id]);
    expect(await listed(team.service)).toEqual([complaint.id]);
    expect(await listed(team.otherRep)).toEqual([]);
    expect(await listed(other.leader)).toEqual([]);
    expect(
      code(
        await post(team.rep, '/complaints', {
          customerId: otherCustomerId,
          severity: 'low',
          category: 'billing',
          description: 'Not my customer',
        }).expect(404),
      ),
    ).toBe('CUSTOMER_NOT_FOUND');
    expect(
      code(
        await post(team.rep, '/complaints', {
          customerId,
          severity: 'low',
          category: 'billing',
          description: 'A handler of another team',
          handlerId: other.serviceId,
        }).expect(422),
      ),
    ).toBe('COMPLAINT_HANDLER_INVALID');
    await post(team.rep, '/complaints', { customerId, severity: 'urgent' }).expect(400);

    // The rep who owns the customer reads it but does not handle it.
    let version = complaint.version;
    expect(code(await post(team.rep, `${path}/acknowledge`, {}, version).expect(403))).toBe(
      'COMPLAINT_NOT_HANDLER',
    );
    for (const [step, body] of [
      ['investigate', {}],
      ['close', { satisfaction: 3 }],
      ['reopen', { reason: 'again' }],
    ] as const) {
      expect(code(await post(team.service, `${path}/${step}`, body, version).expect(409))).toBe(
        'COMPLAINT_STATUS_NOT_ALLOWED',
      );
    }
    const resolution = {
      resolution: 'Refunded the delivery fee',
      rootCause: { category: 'logistics', notes: 'The courier dropped it' },
      responsibleMemberId: team.repId,
    };
    expect(code(await post(team.service, `${path}/resolve`, resolution, version).expect(409))).toBe(
      'COMPLAINT_STATUS_NOT_ALLOWED',
    );
    expect(code(await post(team.service, `${path}/acknowledge`, {}, version + 1).expect(412))).toBe(
      'VERSION_MISMATCH',
    );
    let current = (await post(team.service, `${path}/acknowledge`, {}, version).expect(200))
      .body as Complaint;
    expect(current).toMatchObject({ status: 'acknowledged', ackBreached: false });
    version = current.version;
    await post(team.service, `${path}/acknowledge`, {}, version).expect(409);
    current = (await post(team.service, `${path}/investigate`, {}, version).expect(200))
      .body as Complaint;
    version = current.version;

    await post(team.service, `${path}/resolve`, { resolution: 'x' }, version).expect(400);
    await post(
      team.service,
      `${path}/resolve`,
      { ...resolution, rootCause: { category: 'weather', notes: 'rain' } },
      version,
    ).expect(400);
    expect(
      code(
        await post(
          team.service,
          `${path}/resolve`,
          { ...resolution, responsibleMemberId: randomUUID() },
          version,
        ).expect(422),
      ),
    ).toBe('COMPLAINT_RESPONSIBLE_INVALID');
    current = (await post(team.service, `${path}/resolve`, resolution, version).expect(200))
      .body as Complaint;
    version = current.version;
    await post(team.service, `${path}/close`, { satisfaction: 6 }, version).expect(400);
    current = (await post(team.service, `${path}/close`, { satisfaction: 2 }, version).expect(200))
      .body as Complaint;
    await post(team.service, `${path}/reopen`, {}, current.version).expect(400);
    current = (
      await post(
        team.leader,
        `${path}/reopen`,
        { reason: 'The customer called again' },
        current.version,
      ).expect(200)
    ).body as Complaint;
    expect(current).toMatchObject({ status: 'investigating', reopenCount: 1 });
    current = (await post(team.service, `${path}/resolve`, resolution, current.version).expect(200))
      .body as Complaint;
    expect(current.status).toBe('resolved');

    const resolved = await waitFor(
      async () => {
        const found = (await customerEvents(complaint.id)).filter(
          (event) => event.type === 'customers.complaint.resolved',
        );
        return found.length === 2 ? found : undefined;
      },
      { what: 'both resolutions published' },
    );
    // A logistics cause enrolls nobody.
    expect(resolved.map((event) => event.data['remedialCourseId'])).toEqual([null, null]);

    // The leader is told once half the time to the acknowledgement is gone, the handler at once.
    const fresh = await complain(team, customerId);
    const taskIds = async (token: string) =>
      ((await get(token, '/me/tasks').expect(200)).body as { items: { id: string }[] }).items.map(
        (task) => task.id,
      );
    expect(await taskIds(team.service)).toContain(`complaint.acknowledge:${fresh.id}`);
    expect(await taskIds(team.leader)).not.toContain(`complaint.watch.acknowledge:${fresh.id}`);
    stack.moveClock(HOUR_MS + 60_000);
    expect(await taskIds(team.leader)).toContain(`complaint.watch.acknowledge:${fresh.id}`);
    expect(await taskIds(team.otherRep)).not.toContain(`complaint.acknowledge:${fresh.id}`);
    await post(team.service, `/complaints/${fresh.id}/acknowledge`, {}, fresh.version).expect(200);
    expect(await taskIds(team.service)).toContain(`complaint.resolve:${fresh.id}`);
  });

  it('flags each breach once with two instances sweeping and across a restart, and reports breach rates by root cause, team and severity', async () => {
    const team = await newTeam();
    const customerId = await newCustomer(team.rep);
    const complaints = [await complain(team, customerId)];
    for (let i = 0; i < 4; i += 1) complaints.push(await complain(team, customerId));
    const ids = complaints.map((complaint) => complaint.id);
    const second = await ServiceProcess.start('customers', {
      natsUrl,
      env: { DUE_SWEEP_MS: '100' },
    });
    try {
      // Due by every instance's clock: the database's, moved back.
      await stack.sql(
        `UPDATE customers.complaint SET "ackDueAt" = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      await waitFor(
        async () => {
          const flagged = await Promise.all(
            ids.map(
              async (id) =>
                ((await get(team.service, `/complaints/${id}`).expect(200)).body as Complaint)
                  .ackBreached,
            ),
          );
          return flagged.every(Boolean);
        },
        { what: 'every breach flagged' },
      );
    } finally {
      await second.stop();
    }

    // One still open when the service stops is flagged when it starts again, once.
    const late = await complain(team, customerId);
    await post(team.service, `/complaints/${late.id}/acknowledge`, {}, late.version).expect(200);
    const customers = stack.service('customers');
    await customers.stop();
    await stack.sql(
      `UPDATE customers.complaint SET "resolveDueAt" = now() - interval '1 minute' WHERE id = $1::uuid`,
      [late.id],
    );
    await customers.spawn();
    const flaggedLate = await waitFor(
      async () => {
        const found = (await get(team.service, `/complaints/${late.id}`).expect(200))
          .body as Complaint;
        return found.resolveBreached ? found : undefined;
      },
      { what: 'the resolution breach after the restart' },
    );
    expect(flaggedLate).toMatchObject({ ackBreached: false, resolveBreached: true });

    const breaches = async () =>
      (await storedEnvelopes<Envelope>(nats, 'SALESOPS_CUSTOMERS')).filter(
        (event) =>
          event.type === 'customers.complaint.breached' &&
          [...ids, late.id].includes(event.subject),
      );
    const published = await waitFor(
      async () => {
        const found = await breaches();
        return found.length >= 6 ? found : undefined;
      },
      { what: 'the breaches published' },
    );
    expect(published.map((event) => event.subject).sort()).toEqual([...ids, late.id].sort());
    expect(published.find((event) => event.subject === late.id)?.data['deadline']).toBe('resolve');
    for (const id of ids) {
      expect(
        ((await get(team.service, `/complaints/${id}`).expect(200)).body as Complaint).version,
      ).toBe(2);
    }

    // A product root cause goes on the report with the team's breach rates.
    let current = (await get(team.service, `/complaints/${ids[0]}`).expect(200)).body as Complaint;
    for (const step of ['acknowledge', 'investigate']) {
      current = (
        await post(team.service, `/complaints/${current.id}/${step}`, {}, current.version).expect(
          200,
        )
      ).body as Complaint;
    }
    await post(
      team.service,
      `/complaints/${current.id}/resolve`,
      {
        resolution: 'Replaced',
        rootCause: { category: 'product', notes: 'A batch with weak hinges' },
        responsibleMemberId: team.repId,
      },
      current.version,
    ).expect(200);
    const period = calendar.monthOf(new Date(complaints[0]?.receivedAt as string));
    const report = (
      await get(team.leader, `/complaints/report?period=${period}&teamId=${team.teamId}`).expect(
        200,
      )
    ).body as {
      total: {
        received: number;
        ackBreached: number;
        ackBreachRate: number;
        resolveBreached: number;
      };
      byRootCause: { category: string; received: number }[];
      byTeam: { teamId: string; received: number }[];
      bySeverity: { severity: string; received: number; ackBreachRate: number }[];
    };
    expect(report.total).toMatchObject({ received: 6, ackBreached: 5, resolveBreached: 1 });
    expect(report.total.ackBreachRate).toBeCloseTo(5 / 6, 3);
    expect(report.byRootCause).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'product', received: 1 }),
        expect.objectContaining({ category: 'unresolved', received: 5 }),
      ]),
    );
    expect(report.byTeam).toEqual([expect.objectContaining({ teamId: team.teamId, received: 6 })]);
    expect(report.bySeverity).toEqual([expect.objectContaining({ severity: 'high', received: 6 })]);
    const mine = (await get(team.otherRep, `/complaints/report?period=${period}`).expect(200))
      .body as { total: { received: number } };
    expect(mine.total.received).toBe(0);
    await get(team.leader, '/complaints/report?period=2026-13').expect(400);
  });

  it('makes one revisit per delivered order however often the delivery is announced; completing is once, in reach, and stops with a lost customer', async () => {
    const team = await newTeam();
    const customerId = await newCustomer(team.rep);
    const orderId = await deliverOrder(team, customerId);
    const [revisit] = await waitFor(
      async () => {
        const found = await revisitsOf(team.rep, `orderId=${orderId}`);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the revisit after delivery' },
    );
    const delivered = (await storedEnvelopes<Envelope>(nats, 'SALESOPS_ORDERS')).find(
      (event) => event.type === 'orders.order.delivered' && event.subject === orderId,
    ) as Envelope;
    const again = [randomUUID(), randomUUID()];
    for (const id of [delivered.id, ...again]) {
      await nats
        .request(`salesops.orders.order.delivered`, JSON.stringify({ ...delivered, id }))
        .catch(() => undefined);
    }
    const db = testDb();
    try {
      await waitFor(
        async () => {
          const applied = await db.query(
            `SELECT 1 FROM customers.inbox_event
              WHERE consumer = 'customers-revisits' AND "eventId" = ANY($1::uuid[])`,
            [again],
          );
          return applied.rowCount === again.length;
        },
        { what: 'the announcements again applied' },
      );
    } finally {
      await db.end();
    }
    expect(await revisitsOf(team.rep, `orderId=${orderId}`)).toHaveLength(1);

    const path = `/revisits/${revisit?.id}/complete`;
    const code = (response: { body: unknown }) => (response.body as { code: string }).code;
    expect(code(await post(team.otherRep, path, { satisfaction: 4 }).expect(404))).toBe(
      'REVISIT_NOT_FOUND',
    );
    expect(await revisitsOf(team.otherRep, `orderId=${orderId}`)).toHaveLength(0);
    expect(await revisitsOf(team.service, `orderId=${orderId}`)).toHaveLength(1);
    await post(team.rep, path, { satisfaction: 0 }).expect(400);

    // Overdue: the owner's task, and the list says so.
    await stack.sql(
      `UPDATE customers.revisit SET "dueAt" = now() - interval '2 days' WHERE id = $1::uuid`,
      [revisit?.id],
    );
    expect((await revisitsOf(team.rep, `orderId=${orderId}`))[0]?.overdue).toBe(true);
    const tasks = (
      (await get(team.rep, '/me/tasks').expect(200)).body as { items: { id: string }[] }
    ).items;
    expect(tasks.map((task) => task.id)).toContain(`customer.revisit:${revisit?.id}`);

    await post(team.service, path, { satisfaction: 3, notes: 'Fine' }).expect(200);
    expect(code(await post(team.rep, path, { satisfaction: 3 }).expect(409))).toBe(
      'REVISIT_STATUS_NOT_ALLOWED',
    );
    const [next] = await revisitsOf(team.rep, `customerId=${customerId}&status=due`);
    expect(next).toBeDefined();

    // A lost customer is not revisited again.
    const customer = (await get(team.rep, `/customers/${customerId}`).expect(200)).body as {
      version: number;
    };
    await post(
      team.rep,
      `/customers/${customerId}/mark-lost`,
      { reason: 'Moved away' },
      customer.version,
    ).expect(200);
    await post(team.rep, `/revisits/${next?.id}/complete`, { satisfaction: 2 }).expect(200);
    expect(await revisitsOf(team.rep, `customerId=${customerId}&status=due`)).toEqual([]);
  });
});

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';
import { waitFor } from '@salesops/testing';

import { storedEnvelopes } from './support/bus';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const HOUR_MS = 60 * 60 * 1000;
const calendar = new CompanyCalendar('Asia/Shanghai');

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
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}, version?: number) =>
    stack
      .http()
      .post(`/api/v1${path}`)
      .set({ ...as(token), ...(version === undefined ? {} : { 'if-match': String(version) }) })
      .send(body);
  const get = (token: string, path: string) => stack.http().get(`/api/v1${path}`).set(as(token));
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

  const newCustomer = async (token: string) =>
    (
      (await waitFor(
        async () => {
          const created = await post(token, '/customers', {
            name: 'Tang Wei',
            channel: 'referral',
          });
          return created.status === 201 ? created : undefined;
        },
        { what: 'the rep known to customers' },
      )) as { body: { id: string } }
    ).body.id;

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
});

import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ServiceProcess, waitFor } from '@salesops/testing';

import { gatewayFixture } from './support/gateway-fixture';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

interface Envelope {
  id: string;
  type: string;
  subject: string;
  data: Record<string, unknown>;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  envelope: Envelope;
}

/** A department's receiver on this machine: records every POST, answers `status()`. */
class Receiver {
  readonly received: Received[] = [];
  status = 200;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          headers: request.headers,
          body,
          envelope: JSON.parse(body) as Envelope,
        });
        response.writeHead(this.status, { 'content-type': 'text/plain' });
        response.end(this.status < 300 ? 'thanks' : 'receiver is down for maintenance');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/hook`;
  }

  of(type: string, subject?: string): Received[] {
    return this.received.filter(
      (entry) =>
        entry.envelope.type === type &&
        (subject === undefined || entry.envelope.subject === subject),
    );
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** What the README tells receivers to do: HMAC-SHA256 of "t.body", compared in constant time. */
function verified(secret: string, { headers, body }: Received): boolean {
  const header = String(headers['x-salesops-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2] as string, 'hex'));
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  service: string;
}

/** An OTLP/HTTP collector on this machine: the spans every process of the stack exports (JSON). */
class Collector {
  readonly spans: OtlpSpan[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') this.take(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  of(traceId: string): OtlpSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private take(body: string): void {
    const { resourceSpans } = JSON.parse(body) as {
      resourceSpans: {
        resource: { attributes: { key: string; value: { stringValue?: string } }[] };
        scopeSpans: { spans: Omit<OtlpSpan, 'service'>[] }[];
      }[];
    };
    for (const { resource, scopeSpans } of resourceSpans) {
      const service =
        resource.attributes.find((attribute) => attribute.key === 'service.name')?.value
          .stringValue ?? '';
      for (const { spans } of scopeSpans) {
        for (const span of spans) this.spans.push({ ...span, service });
      }
    }
  }
}

interface StreamEvent {
  id: string;
  event: string;
  envelope: Envelope;
}

/** A server-sent event stream read with fetch: its events, heartbeats, and a way to hang up. */
async function openStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: StreamEvent[] = [];
  let heartbeats = 0;
  let ended = false;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          ended = true;
          return;
        }
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block === ': heartbeat') heartbeats += 1;
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          const id = field('id');
          const data = field('data');
          if (id && data) {
            events.push({
              id,
              event: field('event') ?? '',
              envelope: JSON.parse(data) as Envelope,
            });
          }
        }
      }
    } catch {
      // Hung up (by us, or cut off by the gateway).
      ended = true;
    }
  })();
  return {
    response,
    events,
    heartbeats: () => heartbeats,
    /** The gateway ended the stream (or we hung up). */
    ended: () => ended,
    close: () => controller.abort(),
  };
}

describe('departments outside the bus: webhooks, the event stream, AsyncAPI', () => {
  let stack: Stack;
  const collector = new Collector();
  let director: string;
  let admin: string;
  let finance: string;
  let productId: string;
  const people = new Map<string, { username: string; password: string }>();
  /** Tokens again, after the clock moved past their sessions. */
  const signIn = async () => {
    const login = (role: string) =>
      stack.login(people.get(role)?.username ?? '', people.get(role)?.password ?? '');
    [director, admin, finance] = [
      await login('director'),
      await login('admin'),
      await login('finance'),
    ];
  };
  const gateway = gatewayFixture(() => stack);
  const { as } = gateway;
  /** Requests with any credentials: a bearer token (`as`) or an API key. */
  const post = (headers: Record<string, string>, path: string, body: object = {}) =>
    stack.http().post(`/api/v1${path}`).set(headers).send(body);
  const get = (headers: Record<string, string>, path: string) =>
    stack.http().get(`/api/v1${path}`).set(headers);

  const team = () => gateway.newTeam(director, 'Departments');
  const hire = (teamId: string, name = 'Lin Wei') =>
    gateway.hire(director, teamId, { prefix: 'DE', name });

  const apiKey = async (scopes: string[], teamId: string | null = null) =>
    (
      (
        await post(as(admin), '/api-keys', { name: `dept ${randomUUID()}`, scopes, teamId }).expect(
          201,
        )
      ).body as { key: string }
    ).key;

  const subscribe = async (headers: Record<string, string>, url: string, types: string[]) =>
    (await post(headers, '/webhooks', { url, types }).expect(201)).body as {
      id: string;
      secret: string;
      status: string;
    };

  /** An order of a new rep of the team, submitted and approved: its events carry cost and profit. */
  const approvedOrder = async (teamId: string) => {
    const repId = await hire(teamId);
    const rep = (await stack.userWithToken(['sales_rep'], repId, teamId)).token;
    const customerId = await gateway.registerCustomer(rep, {
      name: 'Zhao Lan',
      channel: 'referral',
    });
    let order = (
      await post(as(rep), '/orders', {
        customerId,
        lines: [{ productId, quantity: 2 }],
      }).expect(201)
    ).body as { id: string; version: number };
    order = (
      await post(
        { ...as(rep), 'if-match': String(order.version) },
        `/orders/${order.id}/submit`,
      ).expect(200)
    ).body as { id: string; version: number };
    await post(
      { ...as(director), 'if-match': String(order.version) },
      `/orders/${order.id}/approve`,
    ).expect(200);
    return order.id;
  };

  beforeAll(async () => {
    // Every process exports its spans to the test's collector, sent every 200 ms.
    const otlp = {
      OTEL_EXPORTER_OTLP_ENDPOINT: await collector.start(),
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    stack = await Stack.start(
      natsUrl,
      {
        RATE_LIMIT_PER_MINUTE: '100000',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_SWEEP_MS: '100',
        SSE_HEARTBEAT_MS: '300',
      },
      otlp,
      // The services log at the level `npm start` gives them: their calls' lines carry the trace.
      (service) => (service === 'gateway' ? {} : { LOG_LEVEL: 'info' }),
    );
    for (const role of ['director', 'admin', 'finance']) people.set(role, await stack.user([role]));
    await signIn();
    productId = (
      (
        await post(as(director), '/products', {
          sku: `DEP-${randomUUID().slice(0, 8)}`,
          name: 'Water filter',
          category: 'home',
          listPrice: '500.00',
          floorPrice: '400.00',
          unitCost: '320.00',
        }).expect(201)
      ).body as { id: string }
    ).id;
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await collector.stop();
  });

  it('serves an AsyncAPI 3.0 document of every event beside OpenAPI', async () => {
    const document = (await stack.http().get('/docs/asyncapi.json').expect(200)).body as {
      asyncapi: string;
      channels: Record<string, { address: string; 'x-nats-stream': string }>;
    };
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.channels['orders.order.completed']).toMatchObject({
      address: 'salesops.orders.order.completed',
      'x-nats-stream': 'SALESOPS_ORDERS',
    });
    expect(document.channels['members.member.hired']).toBeDefined();
  });

  it('delivers signed events, filtered by each subscriber: profit only to the cleared, another team never', async () => {
    const [teamA, teamB] = [await team(), await team()];
    const cleared = new Receiver();
    const uncleared = new Receiver();
    const teamOnly = new Receiver();
    const hr = new Receiver();
    try {
      const financeHook = await subscribe(as(finance), await cleared.start(), ['orders.*']);
      const companyKey = { 'x-api-key': await apiKey(['orders:read', 'webhooks:manage']) };
      const companyHook = await subscribe(companyKey, await uncleared.start(), [
        'orders.order.approved',
      ]);
      const teamKey = { 'x-api-key': await apiKey(['orders:read', 'webhooks:manage'], teamB) };
      const teamHook = await subscribe(teamKey, await teamOnly.start(), ['orders.*']);
      const hrToken = (await stack.userWithToken(['hr'])).token;
      await subscribe(as(hrToken), await hr.start(), ['orders.*', 'members.*']);
      expect(financeHook.secret).toMatch(/^whsec_/);
      const listed = (await get(as(finance), '/webhooks').expect(200)).body as {
        items: Record<string, unknown>[];
      };
      expect(listed.items.find((item) => item['id'] === financeHook.id)).toMatchObject({
        status: 'active',
        types: ['orders.*'],
      });
      expect(JSON.stringify(listed)).not.toContain(financeHook.secret);
      // Someone else's webhook is not found.
      await get(companyKey, `/webhooks/${financeHook.id}/deliveries`).expect(404);
      await stack.http().delete(`/api/v1/webhooks/${financeHook.id}`).set(companyKey).expect(404);

      const orderA = await approvedOrder(teamA);
      const orderB = await approvedOrder(teamB);

      const approvedB = await waitFor(() => teamOnly.of('orders.order.approved', orderB)[0], {
        what: "team B's approval at the team's key",
      });
      expect(approvedB.envelope.data).toMatchObject({ teamId: teamB, orderId: orderB });
      expect(approvedB.envelope.data).not.toHaveProperty('profit');
      expect(verified(teamHook.secret, approvedB)).toBe(true);

      for (const orderId of [orderA, orderB]) {
        const atFinance = await waitFor(() => cleared.of('orders.order.approved', orderId)[0], {
          what: 'the approval at finance',
        });
        expect(atFinance.headers['x-salesops-event-id']).toBe(atFinance.envelope.id);
        expect(verified(financeHook.secret, atFinance)).toBe(true);
        expect(verified(teamHook.secret, atFinance)).toBe(false);
        expect(atFinance.envelope.data).toMatchObject({ cost: '640.00', profit: '360.00' });

        const atKey = await waitFor(() => uncleared.of('orders.order.approved', orderId)[0], {
          what: 'the approval at the uncleared key',
        });
        expect(verified(companyHook.secret, atKey)).toBe(true);
        expect(atKey.envelope.data).toMatchObject({ orderId, total: '1000.00' });
        expect(atKey.envelope.data).not.toHaveProperty('profit');
        expect(atKey.envelope.data).not.toHaveProperty('cost');
      }
      // Fan-out of an event to every subscription happens at once: by now team A's are decided.
      expect(uncleared.received.every((entry) => !('profit' in entry.envelope.data))).toBe(true);
      expect(uncleared.of('orders.order.submitted')).toEqual([]);
      expect(teamOnly.received.filter((entry) => entry.envelope.data['teamId'] !== teamB)).toEqual(
        [],
      );
      // A receiver has its delivery before the sender records the answer: the log follows.
      const teamLog = await waitFor(
        async () => {
          const log = (await get(teamKey, `/webhooks/${teamHook.id}/deliveries`).expect(200))
            .body as { items: { eventType: string; status: string }[] };
          return log.items.length > 0 && log.items.every((item) => item.status === 'delivered')
            ? log
            : undefined;
        },
        { what: "team B's deliveries recorded as delivered" },
      );
      expect(teamLog.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(teamOnly.received)).not.toContain(orderA);
      // HR reads members, not orders: its hook gets the hires, never an order.
      await waitFor(() => hr.of('members.member.hired').length > 0, { what: 'a hire at HR' });
      expect(hr.received.filter((entry) => entry.envelope.type.startsWith('orders.'))).toEqual([]);
      expect(
        cleared.received.every(
          (entry) =>
            entry.envelope.type.startsWith('orders.') && verified(financeHook.secret, entry),
        ),
      ).toBe(true);
    } finally {
      await Promise.all([cleared, uncleared, teamOnly, hr].map((receiver) => receiver.stop()));
    }
  });

  it('retries a failing receiver with backoff, across a gateway restart, marks it failing after 24 hours, and delivers once its owner enables it', async () => {
    const receiver = new Receiver();
    receiver.status = 503;
    try {
      const teamId = await team();
      const hook = await subscribe(as(finance), await receiver.start(), ['members.member.hired']);
      const first = await hire(teamId, 'First Hire');
      const second = await hire(teamId, 'Second Hire');
      const deliveries = async () =>
        (
          (await get(as(finance), `/webhooks/${hook.id}/deliveries`).expect(200)).body as {
            items: {
              id: string;
              eventId: string;
              status: string;
              attempts: number;
              attemptLog: { status: number | null; latencyMs: number; response: string }[];
            }[];
          }
        ).items;
      await waitFor(
        async () => {
          stack.moveClock(2_000);
          return (await deliveries()).some((delivery) => delivery.attempts >= 2);
        },
        { what: 'a second failed attempt' },
      );
      // Per subscription in order: the second waits behind the first, never tried before it.
      const waiting = await deliveries();
      expect(waiting).toHaveLength(2);
      expect(waiting.find((delivery) => delivery.attempts === 0)).toBeDefined();
      expect(receiver.received.every((entry) => entry.envelope.subject === first)).toBe(true);

      await stack.gateway.kill();
      await stack.gateway.spawn();

      stack.moveClock(25 * 60 * 60 * 1000);
      await signIn();
      await waitFor(
        async () => {
          const listed = (await get(as(finance), '/webhooks').expect(200)).body as {
            items: { id: string; status: string }[];
          };
          return listed.items.find((item) => item.id === hook.id)?.status === 'failing';
        },
        { what: 'the webhook marked failing after 24 hours' },
      );
      const triesWhileFailing = receiver.received.length;

      receiver.status = 200;
      const enabled = (await post(as(finance), `/webhooks/${hook.id}/enable`).expect(200)).body as {
        status: string;
      };
      expect(enabled.status).toBe('active');
      const done = await waitFor(
        async () => {
          const items = await deliveries();
          return items.every((delivery) => delivery.status === 'delivered') ? items : undefined;
        },
        { what: 'both delivered once enabled' },
      );
      expect(receiver.received.length).toBeGreaterThan(triesWhileFailing);
      const firstDelivery = done.find(
        (delivery) =>
          receiver.of('members.member.hired', first)[0]?.envelope.id === delivery.eventId,
      );
      expect(firstDelivery?.attemptLog.length).toBeGreaterThanOrEqual(3);
      expect(firstDelivery?.attemptLog.at(0)).toMatchObject({
        status: 503,
        response: 'receiver is down for maintenance',
      });
      expect(firstDelivery?.attemptLog.at(-1)).toMatchObject({ status: 200, response: 'thanks' });
      // Delivered in the order of the events, each signed and named by its event id.
      const successes = receiver.received.filter((entry, index) => index >= triesWhileFailing);
      expect(successes.map((entry) => entry.envelope.subject)).toEqual([first, second]);
      for (const entry of receiver.received) expect(verified(hook.secret, entry)).toBe(true);

      // Redelivered on request.
      const sentBefore = receiver.of('members.member.hired', first).length;
      const again = (
        await post(
          as(finance),
          `/webhooks/${hook.id}/deliveries/${firstDelivery?.id ?? ''}/redeliver`,
        ).expect(202)
      ).body as { status: string };
      expect(again.status).toBe('pending');
      await waitFor(() => receiver.of('members.member.hired', first).length > sentBefore, {
        what: 'the redelivery',
      });
    } finally {
      await receiver.stop();
    }
  });

  it('streams the events in scope as server-sent events, resumed with Last-Event-ID with no gap and no duplicate', async () => {
    const teamId = await team();
    const key = await apiKey(['members:read', 'events:subscribe']);
    const url = `${stack.gateway.baseUrl}/api/v1/events/stream?types=members.member.hired`;
    const headers = { 'x-api-key': key };
    const whole = await openStream(url, headers);
    const cut = await openStream(url, headers);
    try {
      expect(whole.response.status).toBe(200);
      expect(whole.response.headers.get('content-type')).toContain('text/event-stream');
      const hires: string[] = [];
      const hireOf = (events: StreamEvent[], memberId: string) =>
        events.find((event) => event.envelope.subject === memberId);
      for (const name of ['One', 'Two']) hires.push(await hire(teamId, name));
      const lastSeen = await waitFor(() => hireOf(cut.events, hires[1] as string), {
        what: 'the second hire on the stream',
      });
      cut.close();
      for (const name of ['Three', 'Four', 'Five']) hires.push(await hire(teamId, name));
      const resumed = await openStream(url, { ...headers, 'last-event-id': lastSeen.id });
      try {
        await waitFor(() => hireOf(resumed.events, hires[4] as string), {
          what: 'the last hire on the resumed stream',
        });
        await waitFor(() => hireOf(whole.events, hires[4] as string), {
          what: 'the last hire on the whole stream',
        });
        const upTo = (events: StreamEvent[]) =>
          events.slice(0, events.indexOf(hireOf(events, hires[4] as string) as StreamEvent) + 1);
        const before = cut.events.slice(0, cut.events.indexOf(lastSeen) + 1);
        const joined = [...before, ...upTo(resumed.events)].map((event) => event.id);
        const from = whole.events.findIndex((event) => event.id === cut.events[0]?.id);
        expect(joined).toEqual(
          upTo(whole.events)
            .slice(from)
            .map((event) => event.id),
        );
        expect(new Set(joined).size).toBe(joined.length);
        for (const memberId of hires) expect(joined).toContain(hireOf(whole.events, memberId)?.id);
        expect(hireOf(resumed.events, hires[1] as string)).toBeUndefined();
        expect(resumed.events.every((event) => event.event === 'members.member.hired')).toBe(true);
        await waitFor(() => resumed.heartbeats() > 0, { what: 'a heartbeat comment' });
      } finally {
        resumed.close();
      }
    } finally {
      whole.close();
      cut.close();
    }
  });

  it("streams a team's key only its team's events, and no profit without clearance", async () => {
    const [mine, other] = [await team(), await team()];
    const key = await apiKey(['orders:read', 'events:subscribe'], mine);
    const stream = await openStream(
      `${stack.gateway.baseUrl}/api/v1/events/stream?types=orders.*`,
      { 'x-api-key': key },
    );
    try {
      const theirs = await approvedOrder(other);
      const ours = await approvedOrder(mine);
      const approved = await waitFor(
        () =>
          stream.events.find(
            (event) => event.event === 'orders.order.approved' && event.envelope.subject === ours,
          ),
        { what: 'our approval on the stream' },
      );
      expect(approved.envelope.data).toMatchObject({ teamId: mine, total: '1000.00' });
      expect(approved.envelope.data).not.toHaveProperty('profit');
      expect(stream.events.filter((event) => event.envelope.subject === theirs)).toEqual([]);
      expect(stream.events.every((event) => event.envelope.data['teamId'] === mine)).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('ends a stream once its API key is revoked, and one whose session ends', async () => {
    const created = (
      await post(as(admin), '/api-keys', {
        name: `dept ${randomUUID()}`,
        scopes: ['members:read', 'events:subscribe'],
        teamId: null,
      }).expect(201)
    ).body as { id: string; key: string };
    const signedIn = await stack.userWithToken(['finance']);
    const url = `${stack.gateway.baseUrl}/api/v1/events/stream?types=members.*`;
    const byKey = await openStream(url, { 'x-api-key': created.key });
    const bySession = await openStream(url, as(signedIn.token));
    try {
      expect([byKey.response.status, bySession.response.status]).toEqual([200, 200]);
      await waitFor(() => byKey.heartbeats() > 0 && bySession.heartbeats() > 0, {
        what: 'both streams open',
      });
      await stack.http().delete(`/api/v1/api-keys/${created.id}`).set(as(admin)).expect(204);
      await waitFor(() => byKey.ended(), { what: "the revoked key's stream to end" });
      expect(bySession.ended()).toBe(false);
      await post(as(signedIn.token), '/auth/logout').expect(204);
      await waitFor(() => bySession.ended(), { what: "the ended session's stream to end" });
    } finally {
      byKey.close();
      bySession.close();
    }
  });

  it('ends the stream of a member who departs (the members event ends their sessions)', async () => {
    const teamId = await team();
    const [memberId, successorId] = [await hire(teamId, 'Leaving'), await hire(teamId, 'Staying')];
    const manager = await stack.userWithToken(['manager'], memberId, teamId);
    const stream = await openStream(
      `${stack.gateway.baseUrl}/api/v1/events/stream?types=members.*`,
      as(manager.token),
    );
    try {
      expect(stream.response.status).toBe(200);
      await waitFor(() => stream.heartbeats() > 0, { what: 'the stream open' });
      await post(as(director), `/members/${memberId}/depart`, {
        reason: 'resigned',
        handoverTo: successorId,
      }).expect(200);
      await waitFor(() => stream.ended(), { what: "the departed member's stream to end" });
    } finally {
      stream.close();
    }
  });

  it("carries the caller's W3C trace from the HTTP request through the service and its event into the webhook delivery", async () => {
    const receiver = new Receiver();
    try {
      const hook = await subscribe(as(finance), await receiver.start(), ['members.member.hired']);
      const traceId = randomUUID().replaceAll('-', '');
      const hired = await post(
        { ...as(director), traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
        '/members',
        {
          employeeNo: `TR-${randomUUID().slice(0, 8)}`,
          name: 'Traced Hire',
          teamId: await team(),
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
        },
      ).expect(201);
      expect(hired.headers['traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      const memberId = (hired.body as { id: string }).id;
      const delivery = await waitFor(() => receiver.of('members.member.hired', memberId)[0], {
        what: 'the traced hire at the receiver',
      });
      expect(verified(hook.secret, delivery)).toBe(true);
      expect(String(delivery.headers['traceparent'])).toContain(`-${traceId}-`);
      expect((delivery.envelope as Envelope & { traceparent?: string }).traceparent).toContain(
        `-${traceId}-`,
      );
      // The same trace exported over OTLP: the gateway's request (a child of the client's span),
      // its call on the bus, the members service serving it, and the event consumed.
      const answered = String(hired.headers['traceparent']).split('-')[2];
      const exported = await waitFor(
        () => {
          const found = collector.of(traceId);
          const request = found.find(
            (span) => span.service === 'salesops-gateway' && span.spanId === answered,
          );
          const served = found.find(
            (span) => span.service === 'salesops-members' && span.kind === 2,
          );
          const call = found.find((span) => span.spanId === served?.parentSpanId);
          const consumed = found.find((span) => span.kind === 5);
          return request && served && call && consumed
            ? { request, served, call, consumed }
            : undefined;
        },
        { what: 'the spans of the traced hire at the collector' },
      );
      expect(exported.request).toMatchObject({
        name: 'POST /api/v1/members',
        kind: 2,
        parentSpanId: '00f067aa0ba902b7',
      });
      expect(exported.call).toMatchObject({
        service: 'salesops-gateway',
        kind: 3,
        parentSpanId: answered,
      });
      expect(exported.served.name).toBe(exported.call.name);
      // And in the log of each process the request touched, at the default level.
      const logged = stack
        .service('members')
        .output.join('')
        .split('\n')
        .filter((line) => line.includes(`"traceId":"${traceId}"`));
      expect(logged).toEqual(expect.arrayContaining([expect.stringContaining('"msg":"rpc"')]));
    } finally {
      await receiver.stop();
    }
  });

  it('refuses bad subscriptions and callers without the permission', async () => {
    await post(as(finance), '/webhooks', { url: 'https://example.com/x', types: ['nope.*'] })
      .expect(422)
      .expect(({ body }) => expect(body).toMatchObject({ code: 'EVENT_TYPES_UNKNOWN' }));
    await post(as(finance), '/webhooks', { url: 'not a url', types: ['orders.*'] }).expect(400);
    const rep = (await stack.userWithToken(['sales_rep'])).token;
    await post(as(rep), '/webhooks', { url: 'https://example.com/x', types: ['orders.*'] }).expect(
      403,
    );
    await get(as(rep), '/events/stream?types=orders.*').expect(403);
    await get(as(finance), '/events/stream?types=nope.*')
      .expect(422)
      .expect(({ body }) => expect(body).toMatchObject({ code: 'EVENT_TYPES_UNKNOWN' }));
  });

  it('refuses URLs that are not HTTPS or resolve to loopback, private or link-local addresses (SSRF)', async () => {
    // A gateway as production runs it: without WEBHOOK_ALLOW_PRIVATE.
    const strict = await ServiceProcess.start('gateway', {
      natsUrl,
      env: { RATE_LIMIT_PER_MINUTE: '100000' },
    });
    try {
      for (const url of [
        'http://example.com/hook',
        'https://127.0.0.1/hook',
        'https://localhost:8443/hook',
        'https://10.0.0.7/hook',
        'https://192.168.1.20/hook',
        'https://169.254.169.254/latest/meta-data',
        'https://[::1]/hook',
        'https://[::ffff:127.0.0.1]/hook',
      ]) {
        const refused = await fetch(`${strict.baseUrl}/api/v1/webhooks`, {
          method: 'POST',
          headers: { ...as(finance), 'content-type': 'application/json' },
          body: JSON.stringify({ url, types: ['orders.*'] }),
        });
        expect([url, refused.status]).toEqual([url, 422]);
        expect([url, ((await refused.json()) as { code: string }).code]).toEqual([
          url,
          'WEBHOOK_URL_REFUSED',
        ]);
      }
    } finally {
      await strict.stop();
    }
  });
});

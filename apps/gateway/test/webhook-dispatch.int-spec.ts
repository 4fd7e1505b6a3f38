import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import pino from 'pino';

import { Clock } from '@salesops/calendar';
import { UnitOfWork } from '@salesops/persistence';
import { Readiness } from '@salesops/service-runtime';
import { testDatabaseBaseUrl, testDatabaseUrl } from '@salesops/testing';

import { PrismaService } from '../src/database/prisma.service';
import { WebhookDispatcher } from '../src/department-events/webhook-dispatcher';
import { WebhooksRepository } from '../src/department-events/webhooks.repository';
import type { GatewayConfig } from '../src/gateway-config';

/**
 * The webhook sender against the gateway's real tables and a receiver on 127.0.0.1: it drains many
 * deliveries per subscription and pass, each subscription's in order, and a failure holds back the
 * ones behind it until it is delivered.
 */
describe('webhook dispatch', () => {
  const config = {
    departments: { allowPrivateWebhooks: true, sweepMs: 60_000 },
    mfaCipher: { decrypt: () => 'whsec_test' },
  } as unknown as GatewayConfig;
  let pool: Pool;
  let prisma: PrismaService;
  let repository: WebhooksRepository;
  let dispatcher: WebhookDispatcher;
  let receiver: Server;
  let url: string;
  /** Event ids in the order the receiver got them, by subscription (URL path). */
  const received = new Map<string, string[]>();
  /** Event ids the receiver refuses once (500). */
  const refuseOnce = new Set<string>();

  beforeAll(async () => {
    pool = new Pool({ connectionString: testDatabaseBaseUrl(), max: 2 });
    prisma = new PrismaService(
      { databaseUrl: testDatabaseUrl('gateway'), dbPoolMax: 4 },
      new Readiness(),
    );
    repository = new WebhooksRepository(prisma);
    dispatcher = new WebhookDispatcher(repository, new Clock(), config, pino({ level: 'silent' }));
    receiver = createServer((request, response) => {
      const eventId = String(request.headers['x-salesops-event-id']);
      request.resume();
      request.on('end', () => {
        const list = received.get(request.url ?? '') ?? [];
        list.push(eventId);
        received.set(request.url ?? '', list);
        response.statusCode = refuseOnce.delete(eventId) ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await dispatcher?.beforeApplicationShutdown();
    await new Promise((resolve) => receiver?.close(resolve));
    await prisma?.$disconnect();
    await pool?.end();
  });

  const subscription = async () => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO gateway.webhook_subscription (id, "ownerKind", "ownerId", url, types, "secretSealed")
       VALUES ($1, 'user', $2, $3, '{orders.*}', 'sealed')`,
      [id, randomUUID(), `${url}/${id}`],
    );
    return id;
  };

  /** `count` waiting deliveries, due now unless `dueInMs` says otherwise; their event ids in order. */
  const queue = async (subscriptionId: string, count: number, dueInMs = 0) => {
    const ids: string[] = [];
    for (let n = 0; n < count; n += 1) {
      const eventId = randomUUID();
      ids.push(eventId);
      await pool.query(
        `INSERT INTO gateway.webhook_delivery (id, "subscriptionId", "eventId", "eventType", body, "nextAttemptAt")
         VALUES (gen_random_uuid(), $1, $2, 'orders.order.submitted', '{}', now() + $3 * interval '1 ms')`,
        [subscriptionId, eventId, dueInMs],
      );
    }
    return ids;
  };

  const waiting = async (subscriptionId: string) =>
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM gateway.webhook_delivery WHERE "subscriptionId" = $1 AND status = 'pending'`,
          [subscriptionId],
        )
      ).rows[0]?.n,
    );

  it('queues deliveries in one statement in the order given, a repeated event once', async () => {
    const id = await subscription();
    const events = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const delivery = (eventId: string, body: string) => ({
      subscriptionId: id,
      eventId,
      eventType: 'orders.order.submitted',
      body,
      traceparent: null,
    });
    await new UnitOfWork(prisma).run((work) =>
      repository.enqueue(
        [...events.map((eventId) => delivery(eventId, `{"n":"${eventId}"}`))],
        new Date(),
        work,
      ),
    );
    await new UnitOfWork(prisma).run((work) =>
      repository.enqueue([delivery(events[1] as string, '{"again":true}')], new Date(), work),
    );
    const rows = await pool.query<{ eventId: string; body: string }>(
      `SELECT "eventId", body FROM gateway.webhook_delivery WHERE "subscriptionId" = $1 ORDER BY seq`,
      [id],
    );
    expect(rows.rows).toEqual(events.map((eventId) => ({ eventId, body: `{"n":"${eventId}"}` })));
    await pool.query(`UPDATE gateway.webhook_subscription SET "deletedAt" = now() WHERE id = $1`, [
      id,
    ]);
  });

  it('claims each subscription’s due deliveries from the oldest on, none behind one not due', async () => {
    const free = await subscription();
    const freeIds = await queue(free, 3);
    const blocked = await subscription();
    await queue(blocked, 1, 60_000);
    await queue(blocked, 2);
    const now = new Date();
    const claimed = await repository.claimDue(now, new Date(now.getTime() + 30_000), {
      subscriptions: 100,
      perSubscription: 2,
    });
    expect(claimed.filter((d) => d.subscriptionId === blocked)).toEqual([]);
    expect(claimed.filter((d) => d.subscriptionId === free).map((d) => d.eventId)).toEqual(
      freeIds.slice(0, 2),
    );
    // The third is behind two leased ones: not claimed until they have an outcome.
    const again = await repository.claimDue(now, new Date(now.getTime() + 30_000), {
      subscriptions: 100,
      perSubscription: 50,
    });
    expect(again.filter((d) => [free, blocked].includes(d.subscriptionId))).toEqual([]);
    await pool.query(
      `UPDATE gateway.webhook_subscription SET "deletedAt" = now() WHERE id = ANY($1::uuid[])`,
      [[free, blocked]],
    );
  });

  it('drains many deliveries per subscription in order, a failed one holding back the rest until delivered', async () => {
    const subscriptions = await Promise.all([subscription(), subscription(), subscription()]);
    const queued = new Map<string, string[]>();
    for (const id of subscriptions) queued.set(id, await queue(id, 120));
    const failing = subscriptions[2] as string;
    const refused = (queued.get(failing) as string[])[10] as string;
    refuseOnce.add(refused);

    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await dispatcher.sweep();
      const left = await Promise.all(subscriptions.map(waiting));
      if (left.every((n) => n === 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    for (const id of subscriptions) {
      const expected = queued.get(id) as string[];
      const got = received.get(`/${id}`) ?? [];
      if (id === failing) {
        // The refused one, then the same again once retried: nothing behind it came in between.
        expect(got).toEqual([...expected.slice(0, 11), refused, ...expected.slice(11)]);
      } else {
        expect(got).toEqual(expected);
      }
      expect(await waiting(id)).toBe(0);
    }
    const attempts = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM gateway.webhook_attempt a
       JOIN gateway.webhook_delivery d ON d.id = a."deliveryId"
       WHERE d."subscriptionId" = ANY($1::uuid[])`,
      [subscriptions],
    );
    expect(Number(attempts.rows[0]?.n)).toBe(3 * 120 + 1);
  });
});

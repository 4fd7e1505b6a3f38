import {
  type ConsumeOptions,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool, type PoolClient } from 'pg';
import pino from 'pino';
import { z } from 'zod';

import { Metrics, requestContext } from '@salesops/service-runtime';
import { testDatabaseBaseUrl, waitFor } from '@salesops/testing';

import {
  appendToOutbox,
  type BatchEventHandler,
  deadLetterSubjectOf,
  defineEvent,
  EventConsumer,
  type EventConsumerSpec,
  ensureStream,
  OutboxRelay,
  type SqlRunner,
  streamOf,
} from '../src';
import { lanesOf } from '../src/lanes';

const natsUrl = process.env['TEST_NATS_URL'] as string;
// The customers service's tables are little more than the shared outbox and inbox: all of them.
const messagingDdl = (() => {
  const dir = join(__dirname, '../../../apps/customers/prisma/migrations');
  return readdirSync(dir)
    .filter((name) => /^\d/.test(name))
    .sort()
    .map((name) => readFileSync(join(dir, name, 'migration.sql'), 'utf8'))
    .join('\n');
})();

const letters = () =>
  randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 8)
    .padEnd(8, 'a');

function runnerOf(client: PoolClient): SqlRunner {
  return {
    $executeRawUnsafe: async (query, ...values) =>
      (await client.query(query, values)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await client.query(query, values)).rows as T,
  };
}

describe('outbox, relay and consumer against PostgreSQL and JetStream', () => {
  const schema = `it_${letters()}`;
  // Each test reads a stream of its own, so a new durable consumer sees only that test's events.
  let source = '';
  let happened = defineEvent({
    type: 'it.thing.happened',
    version: 1,
    data: z.object({ n: z.number() }),
  });
  const logger = pino({ level: 'silent' });
  const metrics = new Metrics('messaging-test');
  let pool: Pool;
  let nc: NatsConnection;
  let relay: OutboxRelay;
  const consumers: EventConsumer<SqlRunner>[] = [];

  const transaction = async <T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(runnerOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };

  const effects = async (consumer: string) =>
    (
      await pool.query<{ n: number }>(`SELECT n FROM effect WHERE consumer = $1 ORDER BY n`, [
        consumer,
      ])
    ).rows.map((row) => row.n);

  const outboxDrained = () =>
    waitFor(
      async () =>
        (await pool.query(`SELECT 1 FROM outbox_event WHERE "publishedAt" IS NULL`)).rowCount === 0,
      { what: 'the outbox to drain' },
    );

  const startConsumer = async (
    name: string,
    handle: (n: number, tx: SqlRunner) => Promise<void>,
    transactions = { count: 0 },
    applyTogether?: BatchEventHandler<SqlRunner>,
    options: Pick<EventConsumerSpec<SqlRunner>, 'idempotentHandlers'> = {},
  ) => {
    const consumer = new EventConsumer<SqlRunner>(
      {
        name,
        source,
        maxAttempts: 3,
        ackWaitMs: 2000,
        handlers: {
          [happened.type]: async (event, tx) => handle(happened.data.parse(event.data).n, tx),
        },
        applyTogether,
        ...options,
      },
      jetstream(nc),
      await jetstreamManager(nc),
      (work) => {
        transactions.count += 1;
        return transaction(work);
      },
      logger,
      metrics,
    );
    await consumer.start();
    consumers.push(consumer);
    return consumer;
  };

  /**
   * Events `prefix-0`…`prefix-(count - 1)` published through the outbox, then the first again under
   * another message id (a redelivery): a backlog for a consumer started after it. Gives the first.
   */
  const backlogWithRepeat = async (prefix: string, count: number) => {
    const first = await transaction((tx) => appendToOutbox(tx, happened, `${prefix}-0`, { n: 0 }));
    for (let n = 1; n < count; n += 1) {
      await transaction((tx) => appendToOutbox(tx, happened, `${prefix}-${n}`, { n }));
    }
    await outboxDrained();
    await jetstream(nc).publish(happened.busSubject, JSON.stringify(first), {
      msgID: randomUUID(),
    });
    return first;
  };

  const recordEffect = (consumer: string) => async (n: number, tx: SqlRunner) => {
    await tx.$executeRawUnsafe(`INSERT INTO effect (consumer, n) VALUES ($1, $2)`, consumer, n);
  };

  beforeAll(async () => {
    const admin = new Pool({
      connectionString: testDatabaseBaseUrl(),
      max: 1,
    });
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    pool = new Pool({
      connectionString: testDatabaseBaseUrl(),
      max: 6,
      options: `-c search_path=${schema}`,
    });
    await pool.query(messagingDdl);
    await pool.query(`CREATE TABLE effect (consumer text NOT NULL, n int NOT NULL)`);
    nc = await connect({ servers: natsUrl });
    relay = new OutboxRelay(pool, jetstream(nc), logger, metrics, { pollMs: 100 });
    relay.start();
  });

  beforeEach(async () => {
    source = `it${letters()}`;
    happened = defineEvent({
      type: `${source}.thing.happened`,
      version: 1,
      data: z.object({ n: z.number() }),
    });
    await ensureStream(await jetstreamManager(nc), streamOf(source));
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await relay?.stop();
    await nc?.close();
    await pool?.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool?.end();
  });

  it('publishes committed events, carrying the request id, and none from a rolled-back transaction', async () => {
    const name = `c-${letters()}`;
    await startConsumer(name, recordEffect(name));

    await requestContext.run({ requestId: 'req-committed', actor: 'member-1' }, () =>
      transaction((tx) => appendToOutbox(tx, happened, 'thing-1', { n: 1 })),
    );
    await expect(
      transaction(async (tx) => {
        await appendToOutbox(tx, happened, 'thing-2', { n: 2 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await transaction((tx) => appendToOutbox(tx, happened, 'thing-3', { n: 3 }));

    await waitFor(async () => (await effects(name)).length === 2, { what: 'two events applied' });
    expect(await effects(name)).toEqual([1, 3]);
    const { rows } = await pool.query<{ envelope: { requestId: string; actor: string } }>(
      `SELECT envelope FROM outbox_event WHERE subject = 'thing-1'`,
    );
    expect(rows[0]?.envelope).toMatchObject({ requestId: 'req-committed', actor: 'member-1' });
    await outboxDrained();
  });

  it('applies an event once however often it is delivered', async () => {
    const name = `c-${letters()}`;
    await startConsumer(name, recordEffect(name));
    const envelope = await transaction((tx) => appendToOutbox(tx, happened, 'dup', { n: 7 }));
    await waitFor(async () => (await effects(name)).includes(7), { what: 'the first delivery' });

    // The same event stored again under another message id, as a publisher outside the
    // duplicate window would.
    await jetstream(nc).publish(happened.busSubject, JSON.stringify(envelope), {
      msgID: randomUUID(),
    });
    await transaction((tx) => appendToOutbox(tx, happened, 'after', { n: 8 }));

    await waitFor(async () => (await effects(name)).includes(8), { what: 'the later event' });
    expect(await effects(name)).toEqual([7, 8]);
  });

  it('applies a backlog in fewer transactions than events, each event once, a duplicate among them included', async () => {
    const name = `c-${letters()}`;
    await backlogWithRepeat('b', 20);
    const transactions = { count: 0 };

    await startConsumer(name, recordEffect(name), transactions);
    await transaction((tx) => appendToOutbox(tx, happened, 'b-last', { n: 20 }));

    await waitFor(async () => (await effects(name)).includes(20), { what: 'the last event' });
    expect(await effects(name)).toEqual(Array.from({ length: 21 }, (_, n) => n));
    expect(transactions.count).toBeLessThan(20);
  });

  it('dead-letters an event it cannot apply, with the reason, and goes on with the others that came with it', async () => {
    const name = `c-${letters()}`;
    const record = recordEffect(name);
    const letters$ = nc.subscribe(deadLetterSubjectOf(name), { max: 1 });
    await transaction((tx) => appendToOutbox(tx, happened, 'fine', { n: 12 }));
    await transaction((tx) => appendToOutbox(tx, happened, 'poison', { n: 13 }));
    await transaction((tx) => appendToOutbox(tx, happened, 'fine', { n: 14 }));
    await outboxDrained();

    await startConsumer(name, async (n, tx) => {
      if (n === 13) throw new Error('unlucky number');
      await record(n, tx);
    });

    for await (const message of letters$) {
      expect(message.json()).toMatchObject({
        consumer: name,
        reason: 'unlucky number',
        attempts: 3,
        event: { subject: 'poison', data: { n: 13 } },
      });
    }
    await waitFor(async () => (await effects(name)).includes(14), {
      what: 'the event after the poison one',
    });
    expect(await effects(name)).toEqual([12, 14]);
  });

  it('gives a backlog to applyTogether in batches, in stream order, each event once; one that fails is dead-lettered alone', async () => {
    const name = `c-${letters()}`;
    const letters$ = nc.subscribe(deadLetterSubjectOf(name), { max: 1 });
    await backlogWithRepeat('t', 20);
    const sizes: number[] = [];
    let inOrder = true;
    const record = recordEffect(name);

    await startConsumer(
      name,
      () => Promise.reject(new Error('taken one by one')),
      undefined,
      async (events, tx) => {
        const ns = events.map((event) => happened.data.parse(event.data).n);
        sizes.push(ns.length);
        inOrder &&= ns.every((n, index) => index === 0 || n > (ns[index - 1] as number));
        if (ns.includes(13)) throw new Error('unlucky number');
        for (const n of ns) await record(n, tx);
      },
    );

    for await (const message of letters$) {
      expect(message.json()).toMatchObject({
        consumer: name,
        reason: 'unlucky number',
        event: { subject: 't-13', data: { n: 13 } },
      });
    }
    await waitFor(async () => (await effects(name)).length === 19, { what: 'the others' });
    expect(await effects(name)).toEqual(
      Array.from({ length: 20 }, (_, n) => n).filter((n) => n !== 13),
    );
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(inOrder).toBe(true);
  });

  it('with idempotent handlers, writes no inbox row: a repeat within a batch is left out, a later redelivery handed on again', async () => {
    const name = `c-${letters()}`;
    const first = await backlogWithRepeat('i', 5);
    const batches: string[][] = [];

    await startConsumer(
      name,
      () => Promise.reject(new Error('taken together')),
      undefined,
      (events) => {
        batches.push(events.map((event) => event.id));
        return Promise.resolve();
      },
      { idempotentHandlers: true },
    );
    await waitFor(() => batches.flat().length >= 5, { what: 'the backlog handed on' });
    await jetstream(nc).publish(happened.busSubject, JSON.stringify(first), {
      msgID: randomUUID(),
    });

    await waitFor(() => batches.flat().filter((id) => id === first.id).length >= 2, {
      what: 'the later redelivery handed on',
    });
    for (const batch of batches) expect(new Set(batch).size).toBe(batch.length);
    const inbox = await pool.query(`SELECT 1 FROM inbox_event WHERE consumer = $1`, [name]);
    expect(inbox.rowCount).toBe(0);
  });

  it('dead-letters a message that is no event envelope, and applies the event that came after it', async () => {
    const name = `c-${letters()}`;
    const letters$ = nc.subscribe(deadLetterSubjectOf(name), { max: 1 });
    await jetstream(nc).publish(happened.busSubject, 'not an envelope', { msgID: randomUUID() });
    await transaction((tx) => appendToOutbox(tx, happened, 'after', { n: 7 }));
    await outboxDrained();

    await startConsumer(name, recordEffect(name));

    for await (const message of letters$) {
      expect(message.json()).toMatchObject({
        consumer: name,
        reason: 'malformed envelope',
        event: 'not an envelope',
      });
    }
    await waitFor(async () => (await effects(name)).includes(7), { what: 'the event after it' });
  });

  /**
   * Hands the subscription's messages on two at a time, so that they arrive together: batches of
   * two, however the server's messages happened to come off the socket.
   */
  const inPairs = (real: JetStreamClient) =>
    ({
      consumers: {
        get: async (stream: string, durable: string) => {
          const consumer = await real.consumers.get(stream, durable);
          return {
            consume: async (options: ConsumeOptions) => {
              const messages = await consumer.consume(options);
              return {
                close: () => messages.close(),
                async *[Symbol.asyncIterator]() {
                  let held: JsMsg | undefined;
                  for await (const message of messages) {
                    if (held === undefined) {
                      held = message;
                      continue;
                    }
                    yield held;
                    yield message;
                    held = undefined;
                  }
                  if (held !== undefined) yield held;
                },
              } as unknown as ConsumerMessages;
            },
          };
        },
      },
    }) as unknown as JetStreamClient;

  it("keeps each key's events in order across batches while a lane goes on to the next batch", async () => {
    const name = `c-${letters()}`;
    // Two keys the consumer's two lanes split: events 1 and 3 on one, 2 and 4 on the other, in
    // batches [1, 2] and [3, 4].
    const keys = ['k-a', 'k-b', 'k-c', 'k-d', 'k-e'];
    const laneOf = (key: string) =>
      lanesOf([key], 2, (one) => one).findIndex((lane) => lane.length > 0);
    const slow = keys[0] as string;
    const quick = keys.find((key) => laneOf(key) !== laneOf(slow)) as string;
    for (const [n, key] of [
      [1, slow],
      [2, quick],
      [3, slow],
      [4, quick],
    ] as const) {
      await transaction((tx) => appendToOutbox(tx, happened, key, { n }));
    }
    await outboxDrained();
    const applied: number[] = [];
    let releaseSlow = () => {};
    const fourApplied = new Promise<void>((resolve) => (releaseSlow = resolve));
    const record = recordEffect(name);
    const consumer = new EventConsumer<SqlRunner>(
      {
        name,
        source,
        batchLimit: 2,
        lanes: { count: 2, keyOf: (event) => event.subject },
        handlers: { [happened.type]: () => Promise.reject(new Error('applied together')) },
        applyTogether: async (events, tx) => {
          const ns = events.map((event) => happened.data.parse(event.data).n);
          // Event 1 waits (10 s at most) for event 4, of the next batch and the other lane.
          if (ns.includes(1)) {
            await Promise.race([
              fourApplied,
              new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
            ]);
          }
          applied.push(...ns);
          if (ns.includes(4)) releaseSlow();
          for (const n of ns) await record(n, tx);
        },
      },
      inPairs(jetstream(nc)),
      await jetstreamManager(nc),
      transaction,
      logger,
      metrics,
    );
    await consumer.start();
    consumers.push(consumer);

    await waitFor(async () => (await effects(name)).length === 4, { what: 'the four events' });
    expect(applied.indexOf(4)).toBeLessThan(applied.indexOf(1));
    expect(applied.indexOf(1)).toBeLessThan(applied.indexOf(3));
    expect(applied.indexOf(2)).toBeLessThan(applied.indexOf(4));
  });

  describe('a subscription that stops handing on events', () => {
    const counting = (real: JetStreamManager, polls: { count: number }) =>
      ({
        ...real,
        consumers: Object.assign(Object.create(real.consumers) as object, {
          info: (stream: string, durable: string) => {
            polls.count += 1;
            return real.consumers.info(stream, durable);
          },
        }),
      }) as unknown as JetStreamManager;

    /** The first subscription pulls nothing and hands nothing on until it is closed. */
    const stallingFirst = (real: JetStreamClient, subscriptions: { count: number }) =>
      ({
        consumers: {
          get: async (stream: string, durable: string) => {
            const consumer = await real.consumers.get(stream, durable);
            return {
              consume: async (options: ConsumeOptions) => {
                subscriptions.count += 1;
                if (subscriptions.count > 1) return consumer.consume(options);
                let close = () => {};
                const closed = new Promise<void>((resolve) => (close = resolve));
                return {
                  close: () => Promise.resolve(close()),
                  async *[Symbol.asyncIterator]() {
                    await closed;
                  },
                } as unknown as ConsumerMessages;
              },
            };
          },
        },
      }) as unknown as JetStreamClient;

    const consumerOf = async (
      name: string,
      js: JetStreamClient,
      jsm: JetStreamManager,
      handle: (n: number, tx: SqlRunner) => Promise<void>,
    ) => {
      const consumer = new EventConsumer<SqlRunner>(
        {
          name,
          source,
          stallMs: 300,
          handlers: {
            [happened.type]: async (event, tx) => handle(happened.data.parse(event.data).n, tx),
          },
        },
        js,
        jsm,
        transaction,
        logger,
        metrics,
      );
      await consumer.start();
      consumers.push(consumer);
      return consumer;
    };

    it('subscribes again when it makes no progress while events wait, and applies them', async () => {
      const name = `c-${letters()}`;
      const subscriptions = { count: 0 };
      await consumerOf(
        name,
        stallingFirst(jetstream(nc), subscriptions),
        await jetstreamManager(nc),
        recordEffect(name),
      );
      await transaction((tx) => appendToOutbox(tx, happened, 'stalled', { n: 1 }));

      await waitFor(async () => (await effects(name)).includes(1), { what: 'the waiting event' });
      expect(subscriptions.count).toBe(2);
    });

    it('keeps its subscription while a batch takes longer than that, and while nothing waits', async () => {
      const name = `c-${letters()}`;
      const subscriptions = { count: 0 };
      const polls = { count: 0 };
      let entered = false;
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const real = jetstream(nc);
      const passThrough = {
        consumers: {
          get: async (stream: string, durable: string) => {
            const consumer = await real.consumers.get(stream, durable);
            return {
              consume: (options: ConsumeOptions) => {
                subscriptions.count += 1;
                return consumer.consume(options);
              },
            };
          },
        },
      } as unknown as JetStreamClient;
      await consumerOf(
        name,
        passThrough,
        counting(await jetstreamManager(nc), polls),
        async (n, tx) => {
          entered = true;
          await gate;
          await recordEffect(name)(n, tx);
        },
      );
      await transaction((tx) => appendToOutbox(tx, happened, 'slow', { n: 1 }));
      await waitFor(() => Promise.resolve(entered), { what: 'the slow batch to start' });

      // Lag polls every 150 ms: six of them span three times `stallMs`.
      const during = polls.count;
      await waitFor(() => Promise.resolve(polls.count >= during + 6), {
        what: 'polls during the batch',
      });
      release();
      await waitFor(async () => (await effects(name)).includes(1), { what: 'the slow event' });
      const after = polls.count;
      await waitFor(() => Promise.resolve(polls.count >= after + 6), {
        what: 'polls with nothing waiting',
      });

      expect(subscriptions.count).toBe(1);
    });
  });
});

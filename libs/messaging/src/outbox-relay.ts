import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { Pool } from 'pg';
import type { Logger } from 'pino';

import { isDatabaseUnavailable } from '@salesops/persistence';
import type { Metrics } from '@salesops/service-runtime';

import { outboxSignal } from './outbox';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often to look for events nobody signalled (another instance's, or after a restart). */
  pollMs?: number;
  /** How long after a signal to look, so the appending transaction has committed. */
  settleMs?: number;
  publishTimeoutMs?: number;
}

interface OutboxRow {
  id: string;
  type: string;
  envelope: { requestId: string | null };
}

/**
 * Publishes committed outbox events to JetStream in commit order, with the event id as
 * Nats-Msg-Id so a retry after a lost ack stores no duplicate. Rows are claimed with SKIP LOCKED,
 * so several instances of a service relay side by side. While NATS is away events wait in the
 * table; nothing is lost and nothing is marked published that JetStream did not acknowledge.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly settleMs: number;
  private readonly publishTimeoutMs: number;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private failures = 0;
  /** A signal came while a batch was in hand: look again at once. */
  private signalled = false;
  private readonly onSignal = () => {
    setTimeout(() => {
      this.signalled = true;
      this.wake?.();
    }, this.settleMs).unref();
  };

  constructor(
    private readonly pool: Pool,
    private readonly js: JetStreamClient,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollMs = options.pollMs ?? 500;
    this.settleMs = options.settleMs ?? 10;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    outboxSignal.on('appended', this.onSignal);
    this.loop = this.run();
  }

  /**
   * Finishes the batch in hand, publishes what is still waiting (the events of the last requests
   * this process answered), then stops.
   */
  async stop(): Promise<void> {
    this.running = false;
    outboxSignal.off('appended', this.onSignal);
    this.wake?.();
    await this.loop;
    for (;;) {
      const published = await this.publishBatch().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'outbox relay could not publish before stopping');
        return 0;
      });
      if (published < this.batchSize) return;
    }
  }

  /** Throws while the relay keeps failing to publish (for /ready). */
  check(): Promise<void> {
    return this.failures >= 3
      ? Promise.reject(new Error(`could not publish ${this.failures} times in a row`))
      : Promise.resolve();
  }

  private async run(): Promise<void> {
    let lastLagCheck = 0;
    while (this.running) {
      let published = 0;
      this.signalled = false;
      try {
        published = await this.publishBatch();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.logger.warn({ err: error, failures: this.failures }, 'outbox relay could not publish');
      }
      if (Date.now() - lastLagCheck > 2000) {
        lastLagCheck = Date.now();
        await this.measureLag().catch(() => undefined);
      }
      if (published < this.batchSize || this.failures > 0) await this.idle();
    }
  }

  private async publishBatch(): Promise<number> {
    const client = await this.pool.connect();
    // The server may end the connection while the batch is being published (a restart): that
    // arrives as an 'error' event between queries, which must not end the process.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, type, envelope FROM outbox_event WHERE "publishedAt" IS NULL
         AND "parkedAt" IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      // Sent back to back on one connection, so the stream stores them in this order.
      const outcomes = await Promise.allSettled(
        rows.map((row) => {
          const headers = natsHeaders();
          if (row.envelope.requestId) headers.set('x-request-id', row.envelope.requestId);
          return this.js.publish(`salesops.${row.type}`, JSON.stringify(row.envelope), {
            msgID: row.id,
            headers,
            timeout: this.publishTimeoutMs,
          });
        }),
      );
      const published: string[] = [];
      const parked: { id: string; reason: string }[] = [];
      let failure: unknown;
      for (const [index, outcome] of outcomes.entries()) {
        const row = rows[index] as OutboxRow;
        if (outcome.status === 'fulfilled') {
          published.push(row.id);
          continue;
        }
        const reason = await this.neverPublishable(row, outcome.reason);
        if (reason) parked.push({ id: row.id, reason });
        else failure ??= outcome.reason;
      }
      if (published.length > 0) {
        await client.query(
          `UPDATE outbox_event SET "publishedAt" = now() WHERE id = ANY($1::uuid[])`,
          [published],
        );
      }
      for (const { id, reason } of parked) {
        await client.query(
          `UPDATE outbox_event SET "parkedAt" = now(), "parkedReason" = $2 WHERE id = $1::uuid`,
          [id, reason],
        );
      }
      await client.query('COMMIT');
      for (const { id, reason } of parked) {
        this.metrics.outboxParked.inc();
        this.logger.error(
          { eventId: id, reason },
          'outbox event can never be published: parked (outbox_event."parkedAt")',
        );
      }
      // What was published stays published; the rest is tried again after a backoff.
      if (failure !== undefined) {
        throw failure instanceof Error ? failure : new Error('the bus refused an event');
      }
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (isDatabaseUnavailable(error)) broken ??= error as Error;
      throw error;
    } finally {
      client.off('error', onError);
      // A client that failed is discarded, not handed out again.
      client.release(broken);
    }
  }

  /**
   * Why a row can never be published, or undefined when its failure may pass (NATS away, a
   * timeout): larger than the server or the stream accepts, or on a subject no stream keeps.
   */
  private async neverPublishable(row: OutboxRow, error: unknown): Promise<string | undefined> {
    const message = error instanceof Error ? error.message : String(error);
    if (/max_payload size exceeded|message size exceeds maximum/i.test(message)) {
      return `too large for the bus: ${message}`;
    }
    // Nobody answers on a subject no stream keeps; nats.js says "jetstream is not enabled".
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    if (!/no responders|jetstream is not enabled/i.test(`${message} ${cause}`)) return undefined;
    const subject = `salesops.${row.type}`;
    try {
      await (await this.js.jetstreamManager()).streams.find(subject);
      return undefined;
    } catch (lookup) {
      const why = lookup instanceof Error ? lookup.message : String(lookup);
      return /no stream matches subject/i.test(why) ? `no stream keeps ${subject}` : undefined;
    }
  }

  private async measureLag(): Promise<void> {
    const { rows } = await this.pool.query<{ lag: string; oldest: Date | null }>(
      `SELECT count(*) AS lag, min("createdAt") AS oldest FROM outbox_event
       WHERE "publishedAt" IS NULL AND "parkedAt" IS NULL`,
    );
    const row = rows[0];
    this.metrics.outboxLag.set(Number(row?.lag ?? 0));
    this.metrics.outboxOldestSeconds.set(
      row?.oldest ? (Date.now() - row.oldest.getTime()) / 1000 : 0,
    );
  }

  private idle(): Promise<void> {
    if (this.signalled && this.failures === 0) return Promise.resolve();
    const waitMs = this.failures > 0 ? Math.min(200 * 2 ** (this.failures - 1), 5000) : this.pollMs;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.wake = done;
    });
  }
}

import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';

import type { Metrics } from '@salesops/service-runtime';

import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often to look for events when no notification arrives (a missed NOTIFY, a restart). */
  pollMs?: number;
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
  private readonly publishTimeoutMs: number;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private listener?: PoolClient;
  private failures = 0;

  constructor(
    private readonly pool: Pool,
    private readonly js: JetStreamClient,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollMs = options.pollMs ?? 1000;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.listener?.release(true);
    this.listener = undefined;
  }

  private async run(): Promise<void> {
    let lastLagCheck = 0;
    while (this.running) {
      let published = 0;
      try {
        await this.listen();
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
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, type, envelope FROM outbox_event WHERE "publishedAt" IS NULL
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      // Sent back to back on one connection, so the stream stores them in this order.
      await Promise.all(
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
      if (rows.length > 0) {
        await client.query(
          `UPDATE outbox_event SET "publishedAt" = now() WHERE id = ANY($1::uuid[])`,
          [rows.map((row) => row.id)],
        );
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async measureLag(): Promise<void> {
    const { rows } = await this.pool.query<{ lag: string; oldest: Date | null }>(
      `SELECT count(*) AS lag, min("createdAt") AS oldest FROM outbox_event WHERE "publishedAt" IS NULL`,
    );
    const row = rows[0];
    this.metrics.outboxLag.set(Number(row?.lag ?? 0));
    this.metrics.outboxOldestSeconds.set(
      row?.oldest ? (Date.now() - row.oldest.getTime()) / 1000 : 0,
    );
  }

  private async listen(): Promise<void> {
    if (this.listener) return;
    const client = await this.pool.connect();
    client.on('notification', () => this.wake?.());
    client.on('error', () => {
      client.release(true);
      if (this.listener === client) this.listener = undefined;
    });
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }

  private idle(): Promise<void> {
    const backoffMs =
      this.failures > 0 ? Math.min(200 * 2 ** (this.failures - 1), 5000) : this.pollMs;
    return new Promise((resolve) => {
      const timer = setTimeout(done, backoffMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

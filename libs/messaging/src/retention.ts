import type { Pool } from 'pg';
import { z } from 'zod';

/** How long the plumbing tables keep a row, in hours. */
export interface Retention {
  /** An idempotency key answers its retries this long, then is forgotten. */
  idempotencyKeyHours: number;
  /** A published outbox row is kept this long, for inspection and replays. */
  outboxHours: number;
  /**
   * An inbox row (an event applied) is kept this long: a redelivery older than that would be
   * applied again, so it outlives the streams' redelivery and the dead letters' redrive window.
   */
  inboxHours: number;
}

const hours = (fallback: number) =>
  z.coerce
    .number()
    .positive()
    .max(24 * 3650)
    .default(fallback);

/** The retention variables every service with a database reads (README, operations). */
export const retentionEnvSchema = z
  .object({
    IDEMPOTENCY_KEY_TTL_HOURS: hours(24),
    OUTBOX_RETENTION_HOURS: hours(7 * 24),
    INBOX_RETENTION_HOURS: hours(30 * 24),
    RETENTION_SWEEP_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(10 * 60 * 1000),
  })
  .transform((env) => ({
    retention: {
      idempotencyKeyHours: env.IDEMPOTENCY_KEY_TTL_HOURS,
      outboxHours: env.OUTBOX_RETENTION_HOURS,
      inboxHours: env.INBOX_RETENTION_HOURS,
    } satisfies Retention,
    sweepMs: env.RETENTION_SWEEP_MS,
  }));

export interface Pruned {
  idempotencyKeys: number;
  outboxEvents: number;
  inboxEvents: number;
  /** A service's own rows (RetainedRows), by name. */
  [rows: string]: number;
}

/** The most rows one pruning statement deletes (in a transaction of its own). */
export const RETENTION_BATCH = 1000;
const BATCH = RETENTION_BATCH;

/**
 * Rows of a service's own that the same sweep prunes: `statement` deletes at most RETENTION_BATCH
 * rows past their retention, given `value` as `$1` (e.g. the days they are kept), skipping rows
 * another transaction holds.
 */
export interface RetainedRows {
  name: string;
  statement: string;
  value: number;
}

/** Provides a service's RetainedRows[] to the RetentionHost. */
export const RETAINED_ROWS = Symbol('RETAINED_ROWS');

/**
 * Each statement deletes one batch of rows past their retention, by the database's clock. Rows
 * another transaction holds (a key being claimed right now) are skipped, never waited for; the
 * unpublished and the parked outbox rows are never pruned.
 */
const PRUNES = {
  idempotencyKeys: `DELETE FROM idempotency_record WHERE (scope, key) IN (
      SELECT scope, key FROM idempotency_record
      WHERE "createdAt" < now() - make_interval(secs => $1 * 3600)
      LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
  outboxEvents: `DELETE FROM outbox_event WHERE id IN (
      SELECT id FROM outbox_event
      WHERE "publishedAt" < now() - make_interval(secs => $1 * 3600)
      LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
  inboxEvents: `DELETE FROM inbox_event WHERE (consumer, "eventId") IN (
      SELECT consumer, "eventId" FROM inbox_event
      WHERE "appliedAt" < now() - make_interval(secs => $1 * 3600)
      LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
} as const;

const HOURS_OF: Record<keyof typeof PRUNES, keyof Retention> = {
  idempotencyKeys: 'idempotencyKeyHours',
  outboxEvents: 'outboxHours',
  inboxEvents: 'inboxHours',
};

/**
 * Deletes what is past its retention in the pool's schema, in batches of their own transactions.
 * One sweep at a time per schema across every instance: the sweep is claimed with an advisory
 * lock named after the schema, and an instance that finds it claimed skips its turn (null).
 */
export async function pruneRetained(
  pool: Pool,
  retention: Retention,
  schema: string,
  more: readonly RetainedRows[] = [],
): Promise<Pruned | null> {
  const client = await pool.connect();
  const lock = `salesops.retention.${schema}`;
  let released = false;
  try {
    const claimed = await client.query<{ claimed: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS claimed',
      [lock],
    );
    if (!claimed.rows[0]?.claimed) return null;
    try {
      const pruned: Pruned = { idempotencyKeys: 0, outboxEvents: 0, inboxEvents: 0 };
      const statements = [
        ...(Object.keys(PRUNES) as (keyof typeof PRUNES)[]).map((name) => ({
          name,
          statement: PRUNES[name],
          value: retention[HOURS_OF[name]],
        })),
        ...more,
      ];
      for (const { name, statement, value } of statements) {
        pruned[name] ??= 0;
        for (;;) {
          const { rowCount } = await client.query(statement, [value]);
          pruned[name] += rowCount ?? 0;
          if ((rowCount ?? 0) < BATCH) break;
        }
      }
      return pruned;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
    }
  } catch (error) {
    // A connection that failed mid-sweep may still hold the lock: drop it, which releases it.
    client.release(error as Error);
    released = true;
    throw error;
  } finally {
    if (!released) client.release();
  }
}

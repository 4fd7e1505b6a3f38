import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';

import { testDatabaseBaseUrl } from '@salesops/testing';

import { pruneRetained, type Retention, retentionEnvSchema } from '../src';

// The customers service's migrations create the shared plumbing tables.
const plumbingDdl = (() => {
  const dir = join(__dirname, '../../../apps/customers/prisma/migrations');
  return readdirSync(dir)
    .filter((name) => /^\d/.test(name))
    .sort()
    .map((name) => readFileSync(join(dir, name, 'migration.sql'), 'utf8'))
    .join('\n');
})();

const retention: Retention = { idempotencyKeyHours: 24, outboxHours: 168, inboxHours: 720 };
const HOUR = "interval '1 hour'";

describe('retention of idempotency keys, outbox and inbox rows', () => {
  const schema = `ret_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let pool: Pool;
  let other: Pool;

  const count = async (table: string, where = 'true') =>
    Number(
      (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0]
        ?.n,
    );

  /** Rows just past and just within each retention, dated back by the database's clock. */
  const seed = async () => {
    for (const [hoursAgo, tag] of [
      [25, 'old'],
      [23, 'new'],
    ] as const) {
      await pool.query(
        `INSERT INTO idempotency_record (scope, key, "requestHash", status, body, "createdAt")
         VALUES ('s', $1, 'h', 1, '"sealed"', now() - $2 * ${HOUR})`,
        [`${tag}-${randomUUID()}`, hoursAgo],
      );
    }
    for (const hoursAgo of [169, 167]) {
      await pool.query(
        `INSERT INTO outbox_event (id, type, subject, envelope, "createdAt", "publishedAt")
         VALUES ($1, 't', 's', '{}', now() - $2 * ${HOUR}, now() - $2 * ${HOUR})`,
        [randomUUID(), hoursAgo],
      );
    }
    // Never published (waiting, or parked): kept however old.
    await pool.query(
      `INSERT INTO outbox_event (id, type, subject, envelope, "createdAt") VALUES
         ($1, 't', 's', '{}', now() - 1000 * ${HOUR}),
         ($2, 't', 's', '{}', now() - 1000 * ${HOUR})`,
      [randomUUID(), randomUUID()],
    );
    await pool.query(
      `UPDATE outbox_event SET "parkedAt" = now(), "parkedReason" = 'too large'
       WHERE id = (SELECT id FROM outbox_event WHERE "publishedAt" IS NULL LIMIT 1)`,
    );
    for (const hoursAgo of [721, 719]) {
      await pool.query(
        `INSERT INTO inbox_event (consumer, "eventId", "appliedAt") VALUES ('c', $1, now() - $2 * ${HOUR})`,
        [randomUUID(), hoursAgo],
      );
    }
  };

  beforeAll(async () => {
    const admin = new Pool({ connectionString: testDatabaseBaseUrl(), max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const options = {
      connectionString: testDatabaseBaseUrl(),
      options: `-c search_path=${schema}`,
    };
    pool = new Pool({ ...options, max: 3 });
    other = new Pool({ ...options, max: 1 });
    await pool.query(plumbingDdl);
  });

  afterAll(async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
    await other.end();
  });

  beforeEach(async () => {
    await pool.query('TRUNCATE idempotency_record, outbox_event, inbox_event');
  });

  it('prunes only what is past its retention, by the database clock; never an unpublished event', async () => {
    await seed();

    const pruned = await pruneRetained(pool, retention, schema);

    expect(pruned).toEqual({ idempotencyKeys: 1, outboxEvents: 1, inboxEvents: 1 });
    expect(await count('idempotency_record', `key LIKE 'new-%'`)).toBe(1);
    expect(await count('idempotency_record')).toBe(1);
    expect(await count('outbox_event', `"publishedAt" IS NOT NULL`)).toBe(1);
    expect(await count('outbox_event', `"publishedAt" IS NULL`)).toBe(2);
    expect(await count('inbox_event')).toBe(1);
  });

  it('is claimed by one instance at a time: another finds it claimed and does nothing', async () => {
    await seed();
    const holder = await other.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`salesops.retention.${schema}`]);

      expect(await pruneRetained(pool, retention, schema)).toBeNull();
      expect(await count('idempotency_record')).toBe(2);

      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [
        `salesops.retention.${schema}`,
      ]);
    } finally {
      holder.release();
    }
    const [one, two] = await Promise.all([
      pruneRetained(pool, retention, schema),
      pruneRetained(pool, retention, schema),
    ]);
    // Whether the two overlapped or ran one after the other, each row went once.
    const total = (p: typeof one) => (p ? p.idempotencyKeys + p.outboxEvents + p.inboxEvents : 0);
    expect(total(one) + total(two)).toBe(3);
  });

  it('never waits for a key being claimed right now', async () => {
    await seed();
    const claiming = await other.connect();
    try {
      await claiming.query('BEGIN');
      await claiming.query(`SELECT 1 FROM idempotency_record WHERE key LIKE 'old-%' FOR UPDATE`);

      const pruned = await pruneRetained(pool, retention, schema);

      expect(pruned?.idempotencyKeys).toBe(0);
      expect(pruned?.outboxEvents).toBe(1);
    } finally {
      await claiming.query('ROLLBACK');
      claiming.release();
    }
  });

  it('reads its retention from the environment, with stated defaults', () => {
    expect(retentionEnvSchema.parse({})).toEqual({
      retention: { idempotencyKeyHours: 24, outboxHours: 168, inboxHours: 720 },
      sweepMs: 600_000,
    });
    expect(
      retentionEnvSchema.parse({ IDEMPOTENCY_KEY_TTL_HOURS: '48', RETENTION_SWEEP_MS: '1000' }),
    ).toMatchObject({ retention: { idempotencyKeyHours: 48 }, sweepMs: 1000 });
    expect(retentionEnvSchema.safeParse({ OUTBOX_RETENTION_HOURS: '0' }).success).toBe(false);
  });
});

import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { pruneRetained, RETENTION_BATCH, type Retention } from '@salesops/messaging';
import { testDatabaseBaseUrl } from '@salesops/testing';

import { departmentRetainedRows } from '../src/department-events/department-retention';

const retention: Retention = { idempotencyKeyHours: 24, outboxHours: 168, inboxHours: 720 };
const rows = departmentRetainedRows({ retentionDays: 7, webhookLogRetentionDays: 30 });
const DAY = "interval '1 day'";

/** The gateway's department rows pruned by the retention sweep, in a schema of the test's own. */
describe('retention of the department event log and the webhook delivery log', () => {
  const schema = `dept_ret_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let admin: Pool;
  let pool: Pool;

  const count = async (table: string, where = 'true') =>
    Number(
      (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0]
        ?.n,
    );

  beforeAll(async () => {
    admin = new Pool({ connectionString: testDatabaseBaseUrl(), max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    for (const table of [
      'idempotency_record',
      'outbox_event',
      'inbox_event',
      'department_event',
      'webhook_subscription',
      'webhook_delivery',
      'webhook_attempt',
    ]) {
      await admin.query(
        `CREATE TABLE ${schema}.${table} (LIKE gateway.${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
      );
    }
    pool = new Pool({
      connectionString: testDatabaseBaseUrl(),
      max: 2,
      options: `-c search_path=${schema}`,
    });
  });

  afterAll(async () => {
    await pool?.end();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  const subscription = async (deletedDaysAgo: number | null) => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO webhook_subscription (id, "ownerKind", "ownerId", url, types, "secretSealed", "deletedAt")
       VALUES ($1, 'user', $2, 'https://hooks.example/x', '{orders.*}', 'sealed',
               CASE WHEN $3::int IS NULL THEN NULL ELSE now() - $3::int * ${DAY} END)`,
      [id, randomUUID(), deletedDaysAgo],
    );
    return id;
  };

  /** `count` deliveries made `daysAgo`, each with one attempt then; delivered or still waiting. */
  const deliveries = async (
    subscriptionId: string,
    daysAgo: number,
    status: 'delivered' | 'pending',
    tag: string,
    count = 1,
  ) => {
    await pool.query(
      `WITH made AS (
         INSERT INTO webhook_delivery (id, "subscriptionId", "eventId", "eventType", body, status,
           attempts, "nextAttemptAt", "deliveredAt", "createdAt")
         SELECT gen_random_uuid(), $1, gen_random_uuid(), $4, '{}', $3, 1, now() - $2 * ${DAY},
           CASE WHEN $3 = 'delivered' THEN now() - $2 * ${DAY} END, now() - $2 * ${DAY}
         FROM generate_series(1, $5)
         RETURNING id)
       INSERT INTO webhook_attempt (id, "deliveryId", at, status, "latencyMs", response)
       SELECT gen_random_uuid(), id, now() - $2 * ${DAY}, 500, 3, 'down' FROM made`,
      [subscriptionId, daysAgo, status, tag, count],
    );
  };

  it('deletes, in batches, what is past its retention and never a delivery still waiting', async () => {
    const live = await subscription(null);
    const removedLongAgo = await subscription(31);
    const removedLately = await subscription(2);
    await deliveries(live, 31, 'delivered', 'old-delivered', RETENTION_BATCH + 5);
    await deliveries(live, 29, 'delivered', 'recent-delivered');
    await deliveries(live, 90, 'pending', 'old-pending');
    await deliveries(removedLongAgo, 40, 'pending', 'removed-long-ago');
    await deliveries(removedLately, 40, 'pending', 'removed-lately');
    for (const daysAgo of [8, 6]) {
      await pool.query(
        `INSERT INTO department_event ("eventId", type, envelope, "receivedAt")
         VALUES ($1, 'orders.order.completed', '{}', now() - $2 * ${DAY})`,
        [randomUUID(), daysAgo],
      );
    }

    const pruned = await pruneRetained(pool, retention, schema, rows);

    expect(pruned).toMatchObject({
      departmentEvents: 1,
      webhookDeliveries: RETENTION_BATCH + 5,
      removedWebhookDeliveries: 1,
    });
    expect(await count('department_event')).toBe(1);
    expect(await count('department_event', `"receivedAt" > now() - 7 * ${DAY}`)).toBe(1);
    expect(await count('webhook_delivery', `"eventType" = 'old-delivered'`)).toBe(0);
    expect(await count('webhook_delivery', `"eventType" = 'recent-delivered'`)).toBe(1);
    // Waiting for a live subscription (or one removed lately): kept, however old.
    expect(await count('webhook_delivery', `"eventType" = 'old-pending'`)).toBe(1);
    expect(await count('webhook_delivery', `"eventType" = 'removed-lately'`)).toBe(1);
    expect(await count('webhook_delivery', `"eventType" = 'removed-long-ago'`)).toBe(0);
    // The attempt log keeps 30 days: only the recent delivery's attempt is left.
    expect(await count('webhook_attempt')).toBe(1);
    expect(await count('webhook_attempt', `at > now() - 30 * ${DAY}`)).toBe(1);

    expect(await pruneRetained(pool, retention, schema, rows)).toMatchObject({
      departmentEvents: 0,
      webhookAttempts: 0,
      webhookDeliveries: 0,
    });
  });

  it('skips its turn while another instance holds the sweep', async () => {
    const holder = await admin.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`salesops.retention.${schema}`]);
      expect(await pruneRetained(pool, retention, schema, rows)).toBeNull();
    } finally {
      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [
        `salesops.retention.${schema}`,
      ]);
      holder.release();
    }
  });
});

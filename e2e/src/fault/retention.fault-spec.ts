import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TestNatsServer, waitFor } from '@salesops/testing';

import { Stack } from '../support/stack';
import { testDb } from '../support/test-db';

/** The bus carries no message larger than this (NATS `max_payload`), headers included. */
const MAX_PAYLOAD = 32 * 1024;

/**
 * Item 6 of the faults issue: stored replies keep no contact data in clear; idempotency keys,
 * published outbox rows and old inbox rows are pruned after their retention (the clock is moved by
 * dating rows back, never by waiting); a request larger than the bus carries is 413.
 */
describe('fault: stored replies and retention', () => {
  let nats: TestNatsServer;
  let stack: Stack;
  const db = testDb();
  let director: string;
  let teamId: string;
  const configDir = mkdtempSync(join(tmpdir(), 'salesops-nats-conf-'));

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  const count = async (statement: string, values: unknown[]) =>
    (await db.query(statement, values)).rowCount ?? 0;

  beforeAll(async () => {
    const config = join(configDir, 'nats.conf');
    writeFileSync(config, `max_payload: ${MAX_PAYLOAD}\n`);
    nats = await TestNatsServer.start({ configFile: config });
    stack = await Stack.start(nats.url, {}, { RETENTION_SWEEP_MS: '200' });
    director = (await stack.userWithToken(['director'])).token;
    teamId = (
      (
        await stack
          .http()
          .post('/api/v1/teams')
          .set(as(director))
          .send({ name: `Retention ${randomUUID()}`, kind: 'online_sales' })
          .expect(201)
      ).body as { id: string }
    ).id;
  });

  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
    await db.end();
    rmSync(configDir, { recursive: true, force: true });
  });

  const hire = (key: string, employeeNo: string) =>
    stack.http().post('/api/v1/members').set(as(director)).set('idempotency-key', key).send({
      employeeNo,
      name: 'Wu Fang',
      phone: '13912345678',
      wechatId: 'wufang_wx_778',
      email: 'wu.fang@example.com',
      teamId,
      position: 'sales_rep',
      track: 'professional',
      level: 'sales_rep',
    });

  it('keeps no contact data in clear in a stored reply, and answers a retry with it all the same', async () => {
    const key = `hire-${randomUUID()}`;
    const employeeNo = `R-${randomUUID().slice(0, 8)}`;
    const first = await hire(key, employeeNo).expect(201);
    expect(first.body).toMatchObject({ phone: '13912345678', email: 'wu.fang@example.com' });

    const rows = await db.query<{ raw: string; requestHash: string }>(
      `SELECT body::text AS raw, "requestHash" FROM members.idempotency_record WHERE key = $1`,
      [key],
    );
    expect(rows.rowCount).toBe(1);
    const stored = JSON.stringify(rows.rows[0]);
    for (const clear of ['13912345678', 'wufang_wx_778', 'wu.fang@example.com', 'Wu Fang']) {
      expect(stored).not.toContain(clear);
    }

    const retry = await hire(key, employeeNo).expect(201);
    expect(retry.body).toEqual(first.body);
  });

  it('forgets an idempotency key after its time to live: the sweep prunes it', async () => {
    const key = `hire-${randomUUID()}`;
    const employeeNo = `R-${randomUUID().slice(0, 8)}`;
    await hire(key, employeeNo).expect(201);
    const fresh = `hire-${randomUUID()}`;
    await hire(fresh, `R-${randomUUID().slice(0, 8)}`).expect(201);

    await db.query(
      `UPDATE members.idempotency_record SET "createdAt" = now() - interval '25 hours' WHERE key = $1`,
      [key],
    );

    await waitFor(
      async () =>
        (await count('SELECT 1 FROM members.idempotency_record WHERE key = $1', [key])) === 0,
      { what: 'the expired key to be pruned' },
    );
    expect(await count('SELECT 1 FROM members.idempotency_record WHERE key = $1', [fresh])).toBe(1);
    // The key is new again: the request runs, and meets the member it created the first time.
    const again = await hire(key, employeeNo).expect(409);
    expect(again.body.code).toBe('MEMBER_EMPLOYEE_NO_TAKEN');
  });

  it('prunes published outbox rows and old inbox rows after their retention, and nothing newer', async () => {
    const hired = (await hire(`hire-${randomUUID()}`, `R-${randomUUID().slice(0, 8)}`).expect(201))
      .body as { id: string };
    const published = `SELECT id FROM members.outbox_event WHERE subject = $1 AND "publishedAt" IS NOT NULL`;
    await waitFor(async () => (await count(published, [hired.id])) > 0, {
      what: 'the hire to be published',
    });
    // The performance service's roster records the hire in its inbox.
    const applied = `SELECT 1 FROM performance.inbox_event i
      JOIN members.outbox_event o ON o.id = i."eventId" WHERE o.subject = $1`;
    await waitFor(async () => (await count(applied, [hired.id])) > 0, {
      what: 'the roster to apply the hire',
    });
    const eventIds = (await db.query<{ id: string }>(published, [hired.id])).rows.map((r) => r.id);
    const newer = await db.query<{ id: string }>(
      `SELECT id FROM members.outbox_event WHERE "publishedAt" IS NOT NULL AND subject <> $1 LIMIT 1`,
      [hired.id],
    );

    await db.query(
      `UPDATE performance.inbox_event SET "appliedAt" = now() - interval '31 days' WHERE "eventId" = ANY($1::uuid[])`,
      [eventIds],
    );
    await db.query(
      `UPDATE members.outbox_event SET "publishedAt" = now() - interval '8 days' WHERE id = ANY($1::uuid[])`,
      [eventIds],
    );

    await waitFor(
      async () =>
        (await count('SELECT 1 FROM members.outbox_event WHERE id = ANY($1::uuid[])', [
          eventIds,
        ])) === 0 &&
        (await count('SELECT 1 FROM performance.inbox_event WHERE "eventId" = ANY($1::uuid[])', [
          eventIds,
        ])) === 0,
      { what: 'the old rows to be pruned' },
    );
    expect(newer.rows[0]).toBeDefined();
    expect(
      await count('SELECT 1 FROM members.outbox_event WHERE id = $1', [newer.rows[0]?.id]),
    ).toBe(1);
  });

  it('answers 413 with a stable code, not 503, for a request larger than the bus carries', async () => {
    // Within the API's limits (a résumé of 15,000 characters), but 45 KB of UTF-8 on the bus.
    const response = await stack
      .http()
      .post('/api/v1/applications')
      .set(as(director))
      .set('idempotency-key', `apply-${randomUUID()}`)
      .send({
        candidateName: 'Zhao Lei',
        phone: '13700002222',
        channel: 'referral',
        resume: '简'.repeat(15_000),
        teamId,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
      })
      .expect(413);

    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await stack.gateway.ready()).toBe(true);
  });
});

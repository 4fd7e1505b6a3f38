import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

import { TestNatsServer, waitFor } from '@salesops/testing';

import { OwnDatabase } from '../support/own-database';
import { AFTER_SETTLED_TIMEOUT_MS, beforeAllSettled } from '../support/settled-setup';
import { Stack } from '../support/stack';
import { testDb } from '../support/test-db';

interface Answer {
  key: string;
  status: number;
  /** Whether the request was sent after the database came back. */
  afterOutage: boolean;
}

/**
 * PostgreSQL is restarted (its sessions terminated, as `pg_ctlcluster restart` does) under a
 * stream of writes through the gateway: no process dies, requests during the outage are 503,
 * readiness says so, and everything works again once the database is back, with no restart.
 */
describe('fault: the database goes away under a stream of writes', () => {
  let database: OwnDatabase;
  let nats: TestNatsServer;
  let stack: Stack;
  let db: Pool;
  let auth: { authorization: string };
  let teamId: string;

  const setup = beforeAllSettled(async () => {
    database = await OwnDatabase.start();
    nats = await TestNatsServer.start();
    // Answers during the outage come fast: the rate limit is not what this test is about.
    stack = await Stack.start(nats.url, {
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
    });
    db = testDb();
    const { token } = await stack.userWithToken();
    auth = { authorization: `Bearer ${token}` };
    const team = await stack
      .http()
      .post('/api/v1/teams')
      .set(auth)
      .send({ name: `Outage ${randomUUID()}`, kind: 'online_sales' })
      .expect(201);
    teamId = (team.body as { id: string }).id;
  }, 180_000);

  afterAll(async () => {
    await setup.settled();
    await stack?.stop();
    await nats?.stop();
    await db?.end();
    await database?.stop();
  }, AFTER_SETTLED_TIMEOUT_MS);

  /** What was answered, and which process died with what last words: for a failure's message. */
  function situation(answers: Answer[]): string {
    const counts = new Map<string, number>();
    for (const { status, afterOutage } of answers) {
      const key = `${afterOutage ? 'after' : 'before'}:${status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const statuses = JSON.stringify(Object.fromEntries(counts));
    const dead = [...stack.processes.values()]
      .filter((process) => !process.alive)
      .map((process) => `${process.service} died: ${process.output.join('').slice(0, 1500)}`);
    return [`statuses ${statuses}`, ...dead].join('; ');
  }

  const hire = (key: string) =>
    stack
      .http()
      .post('/api/v1/members')
      .set({ ...auth, 'idempotency-key': key })
      .send({
        employeeNo: `DO-${key.slice(0, 13)}`,
        name: 'Qian Yu',
        teamId,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
      })
      .timeout(30_000);

  it('answers 503 while it is away, 201 once it is back, and leaves nothing half-written', async () => {
    const answers: Answer[] = [];
    let back = false;
    let done = false;
    const load = Promise.all(
      Array.from({ length: 3 }, async () => {
        while (!done) {
          const key = randomUUID();
          const afterOutage = back;
          const response = await hire(key).catch(() => undefined);
          answers.push({ key, status: response?.status ?? 0, afterOutage });
        }
      }),
    );
    const explain = (error: Error): never => {
      done = true;
      throw new Error(`${error.message}; ${situation(answers)}`);
    };
    await waitFor(() => answers.filter(({ status }) => status === 201).length >= 10, {
      what: 'writes to succeed before the outage',
    });
    await database.server.pause();
    const atPause = answers.length;
    await waitFor(
      async () => !(await stack.service('members').ready()) && !(await stack.gateway.ready()),
      { what: 'readiness to say the database is away' },
    ).catch(explain);
    await waitFor(() => answers.slice(atPause).filter(({ status }) => status === 503).length >= 5, {
      timeoutMs: 30_000,
      what: 'requests during the outage to be answered 503',
    }).catch(explain);
    await database.server.resume();
    back = true;
    await waitFor(
      () => answers.filter(({ afterOutage, status }) => afterOutage && status === 201).length >= 10,
      { timeoutMs: 60_000, what: 'writes to succeed again after the outage' },
    ).catch(explain);
    done = true;
    await load;

    for (const process of stack.processes.values()) {
      expect({ service: process.service, alive: process.alive }).toEqual({
        service: process.service,
        alive: true,
      });
    }
    expect(answers.filter(({ status }) => status !== 201 && status !== 503)).toEqual([]);
    // Once back, a request may still meet a connection the restart broke, but not for long.
    const afterOutage = answers.filter(({ afterOutage }) => afterOutage);
    expect(afterOutage.at(-1)?.status).toBe(201);
    for (const { key, status } of answers) {
      if (status === 503) expect((await hire(key)).status).toBe(201);
    }

    const { rows } = await db.query<{ employeeNo: string; members: string; events: string }>(
      `SELECT m."employeeNo", count(DISTINCT m.id) AS members, count(e.id) AS events
       FROM members.member m
       LEFT JOIN members.outbox_event e ON e.type = 'members.member.hired' AND e.subject = m.id::text
       WHERE m."teamId" = $1 GROUP BY 1`,
      [teamId],
    );
    const byNumber = new Map(rows.map((row) => [row.employeeNo, row]));
    for (const { key } of answers) {
      const row = byNumber.get(`DO-${key.slice(0, 13)}`);
      expect({ key, members: row?.members, events: row?.events }).toEqual({
        key,
        members: '1',
        events: '1',
      });
    }
    await waitFor(
      async () => {
        const unpublished = await db.query(
          `SELECT 1 FROM members.outbox_event WHERE "publishedAt" IS NULL LIMIT 1`,
        );
        return unpublished.rowCount === 0;
      },
      { timeoutMs: 30_000, what: 'the relay to publish every event of the outage' },
    );
    await waitFor(
      async () =>
        (await Promise.all([...stack.processes.values()].map((process) => process.ready()))).every(
          Boolean,
        ),
      { what: 'every process to be ready again' },
    );
  }, 240_000);
});

import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

import { TestNatsServer, waitFor } from '@salesops/testing';

import { storedEnvelopes } from '../support/bus';
import { Stack } from '../support/stack';
import { testDb } from '../support/test-db';

/**
 * NATS goes away while members are being hired through the gateway, and comes back. Every request
 * is answered; a write answered 503/504 is retried with its idempotency key, as a client does.
 * In the end each write exists once, its event was published once, and applied once.
 */
describe('fault: NATS down while writes happen', () => {
  let nats: TestNatsServer;
  let stack: Stack;
  let db: Pool;

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    stack = await Stack.start(nats.url);
    db = testDb();
  });

  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
    await db?.end();
  });

  it('answers every write and loses or doubles nothing', async () => {
    const { token } = await stack.userWithToken();
    const auth = { authorization: `Bearer ${token}` };
    const team = await stack
      .http()
      .post('/api/v1/teams')
      .set(auth)
      .send({ name: `Outage ${randomUUID()}`, kind: 'online_sales' })
      .expect(201);
    const teamId = (team.body as { id: string }).id;
    const writes = Array.from({ length: 24 }, (_, index) => ({
      key: randomUUID(),
      body: {
        employeeNo: `NO-${randomUUID().slice(0, 8)}`,
        name: `Hire ${index}`,
        teamId,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
      },
    }));
    const post = (write: (typeof writes)[number]) =>
      stack
        .http()
        .post('/api/v1/members')
        .set({ ...auth, 'idempotency-key': write.key })
        .send(write.body)
        .timeout(20_000);

    const statuses: number[] = [];
    for (const [index, write] of writes.entries()) {
      if (index === 8) await nats.pause();
      if (index === 16) await nats.resume();
      statuses.push((await post(write)).status);
    }

    expect(statuses.every((status) => [201, 503, 504].includes(status))).toBe(true);
    expect(statuses.filter((status) => status !== 201).length).toBeGreaterThan(0);

    await stack.gateway.waitReady();
    const retried = await waitFor(
      async () => {
        const responses = await Promise.all(writes.map(post));
        return responses.every((response) => response.status === 201) ? responses : undefined;
      },
      { timeoutMs: 30_000, what: 'every write to succeed on retry' },
    );
    const memberIds = retried.map((response) => (response.body as { id: string }).id);

    const stored = await db.query<{ id: string }>(
      `SELECT id FROM members.member WHERE "teamId" = $1`,
      [teamId],
    );
    expect(stored.rows.map((row) => row.id).sort()).toEqual([...memberIds].sort());
    await waitFor(
      async () => {
        const { rows } = await db.query<{ hired: number }>(
          `SELECT hired FROM performance.team_headcount WHERE "teamId" = $1`,
          [teamId],
        );
        return rows[0]?.hired === writes.length;
      },
      { timeoutMs: 30_000, what: 'every hire to be counted' },
    );
    const nc = await connect({ servers: nats.url });
    try {
      const hired = (
        await storedEnvelopes<{ type: string; subject: string }>(nc, 'SALESOPS_MEMBERS')
      ).filter(
        (event) => event.type === 'members.member.hired' && memberIds.includes(event.subject),
      );
      expect(hired).toHaveLength(writes.length);
      expect(new Set(hired.map((event) => event.subject)).size).toBe(writes.length);
    } finally {
      await nc.close();
    }
    const headcount = await db.query<{ hired: number }>(
      `SELECT hired FROM performance.team_headcount WHERE "teamId" = $1`,
      [teamId],
    );
    expect(headcount.rows[0]?.hired).toBe(writes.length);
  });
});

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import request from 'supertest';

import { MembersEvents } from '@salesops/members-contracts';
import { DEAD_LETTER_STREAM, envelopeOf } from '@salesops/messaging';
import { ServiceProcess, TestNatsServer, waitFor } from '@salesops/testing';

import { OwnDatabase } from '../support/own-database';
import { AFTER_SETTLED_TIMEOUT_MS, beforeAllSettled } from '../support/settled-setup';
import { testDb } from '../support/test-db';

/** Longer than the old poison budget (5 attempts in about 3 s). */
const OUTAGE_MS = 10_000;

/**
 * `members.member.suspended` reaches the gateway while its database is away for longer than the
 * old poison budget: the consumer waits the outage out instead of dead-lettering the event, and
 * the member's sessions end once the database is back.
 */
describe('fault: a consumer through a database outage', () => {
  let database: OwnDatabase;
  let nats: TestNatsServer;
  let gateway: ServiceProcess;
  let nc: NatsConnection;
  let db: Pool;

  const setup = beforeAllSettled(async () => {
    database = await OwnDatabase.start();
    nats = await TestNatsServer.start();
    gateway = await ServiceProcess.start('gateway', { natsUrl: nats.url });
    nc = await connect({ servers: nats.url });
    db = testDb();
  }, 120_000);

  afterAll(async () => {
    await setup.settled();
    await nc?.close();
    await gateway?.stop();
    await nats?.stop();
    await db?.end();
    await database?.stop();
  }, AFTER_SETTLED_TIMEOUT_MS);

  it('keeps the event through the outage and ends the sessions once the database is back', async () => {
    const memberId = randomUUID();
    const username = `outage-${randomUUID()}`;
    const password = `pw-${randomUUID()}`;
    await db.query(
      `INSERT INTO gateway."user" (id, username, "passwordHash", roles, "memberId", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, now())`,
      [randomUUID(), username, await hash(password), ['sales_rep'], memberId],
    );
    await request(gateway.baseUrl)
      .post('/api/v1/auth/login')
      .send({ username, password })
      .expect(200);
    const openSessions = async () =>
      Number(
        (
          await db.query<{ open: string }>(
            `SELECT count(*) AS open FROM gateway.session s JOIN gateway."user" u ON u.id = s."userId"
             WHERE u."memberId" = $1 AND s."revokedAt" IS NULL`,
            [memberId],
          )
        ).rows[0]?.open,
      );
    expect(await openSessions()).toBe(1);

    await database.server.pause();
    const suspended = envelopeOf(
      MembersEvents.memberSuspended,
      memberId,
      {
        memberId,
        teamId: randomUUID(),
        suspendedAt: new Date().toISOString(),
        reasonKind: 'investigation',
      },
      2,
    );
    await jetstream(nc).publish(`salesops.${suspended.type}`, JSON.stringify(suspended), {
      msgID: suspended.id,
    });
    await waitFor(async () => !(await gateway.ready()), {
      what: 'the gateway to say its database is away',
    });
    // The fault's length is what is under test: not a wait for a condition.
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await database.server.resume();

    await waitFor(async () => (await openSessions()) === 0, {
      timeoutMs: 60_000,
      what: "the suspended member's sessions to end",
    });
    const jsm = await jetstreamManager(nc);
    const deadLetters = await jsm.streams
      .info(DEAD_LETTER_STREAM.name)
      .then((info) => info.state.messages)
      .catch(() => 0);
    expect(deadLetters).toBe(0);
    expect(gateway.alive).toBe(true);
    await waitFor(() => gateway.ready(), {
      what: 'the gateway and its consumer to be ready again',
    });
  }, 180_000);
});

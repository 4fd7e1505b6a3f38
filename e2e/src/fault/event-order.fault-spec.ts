import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

import { ServiceProcess, TestNatsServer, waitFor } from '@salesops/testing';

import { testDb } from '../support/test-db';

/**
 * Events of one member reach a consumer out of order (a nak'd event overtaken by a later one, two
 * replicas sharing a durable, two relays interleaving their backlogs): state follows the member's
 * version in each event (`subjectVersion`), not the order of arrival.
 */
describe('fault: events of one member arriving out of order', () => {
  let nats: TestNatsServer;
  let gateway: ServiceProcess;
  let performance: ServiceProcess;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let db: Pool;

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    // Their consumers create the members stream the events below are published to.
    [gateway, performance] = await Promise.all([
      ServiceProcess.start('gateway', { natsUrl: nats.url }),
      ServiceProcess.start('performance', { natsUrl: nats.url }),
    ]);
    nc = await connect({ servers: nats.url });
    js = jetstream(nc);
    db = testDb();
  });

  afterAll(async () => {
    await nc?.close();
    await Promise.all([gateway?.stop(), performance?.stop()]);
    await nats?.stop();
    await db?.end();
  });

  const teamId = randomUUID();

  /** Publishes a members event as the relay would, and returns its id. */
  const publish = async (
    name: string,
    memberId: string,
    subjectVersion: number,
    data: Record<string, unknown>,
  ): Promise<string> => {
    const id = randomUUID();
    const type = `members.${name}`;
    const envelope = {
      id,
      type,
      version: name === 'member.departed' || name === 'member.suspended' ? 2 : 1,
      source: 'members',
      time: new Date().toISOString(),
      subject: memberId,
      subjectVersion,
      actor: null,
      requestId: null,
      data: { memberId, teamId, ...data },
    };
    await js.publish(`salesops.${type}`, JSON.stringify(envelope), { msgID: id });
    return id;
  };

  const suspended = (memberId: string, version: number) =>
    publish('member.suspended', memberId, version, {
      suspendedAt: new Date().toISOString(),
      reasonKind: 'investigation',
    });
  const reinstated = (memberId: string, version: number) =>
    publish('member.reinstated', memberId, version, {
      reinstatedAt: new Date().toISOString(),
      status: 'active',
    });

  /** Waits until the consumer has taken these events (applied or ignored, they are in its inbox). */
  const taken = (schema: string, consumer: string, ids: string[]) =>
    waitFor(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM ${schema}.inbox_event WHERE consumer = $1 AND "eventId" = ANY($2::uuid[])`,
            [consumer, ids],
          )
        ).rowCount === ids.length,
      { what: `${consumer} to take ${ids.length} events` },
    );

  describe("the gateway's users and sessions", () => {
    const userWithSession = async (memberId: string) => {
      const userId = randomUUID();
      const sessionId = randomUUID();
      await db.query(
        `INSERT INTO gateway."user" (id, username, "memberId", roles, "teamId", "updatedAt")
         VALUES ($1, $2, $3, '{sales_rep}', $4, now())`,
        [userId, `order-${userId}`, memberId, teamId],
      );
      await db.query(
        `INSERT INTO gateway.session (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 hour')`,
        [sessionId, userId],
      );
      return { userId, sessionId };
    };
    const stateOf = async ({ userId, sessionId }: { userId: string; sessionId: string }) => {
      const user = await db.query<{ active: boolean }>(
        `SELECT active FROM gateway."user" WHERE id = $1`,
        [userId],
      );
      const session = await db.query<{ revokedAt: Date | null }>(
        `SELECT "revokedAt" FROM gateway.session WHERE id = $1`,
        [sessionId],
      );
      return { active: user.rows[0]?.active, sessionOpen: session.rows[0]?.revokedAt === null };
    };

    it('keeps a reinstated member active when the suspension before it arrives late', async () => {
      const memberId = randomUUID();
      const user = await userWithSession(memberId);

      const late = [await reinstated(memberId, 3), await suspended(memberId, 2)];
      await taken('gateway', 'gateway-sessions', late);

      expect(await stateOf(user)).toEqual({ active: true, sessionOpen: true });
    });

    it('still applies a newer event after ignoring an older one', async () => {
      const memberId = randomUUID();
      const user = await userWithSession(memberId);

      await taken('gateway', 'gateway-sessions', [
        await reinstated(memberId, 3),
        await suspended(memberId, 2),
        await suspended(memberId, 4),
      ]);

      expect(await stateOf(user)).toEqual({ active: false, sessionOpen: false });
    });

    it('ignores an event it already holds the version of', async () => {
      const memberId = randomUUID();
      const user = await userWithSession(memberId);

      await taken('gateway', 'gateway-sessions', [
        await reinstated(memberId, 3),
        // Another event at the same version: not newer, so not applied.
        await suspended(memberId, 3),
      ]);

      expect(await stateOf(user)).toEqual({ active: true, sessionOpen: true });
    });
  });

  describe("performance's roster", () => {
    const rosterOf = async (memberId: string) =>
      (
        await db.query<{ status: string; teamId: string; position: string; level: string }>(
          `SELECT status, "teamId", position, level FROM performance.roster_member
           WHERE "memberId" = $1`,
          [memberId],
        )
      ).rows[0];
    const hired = (memberId: string) =>
      publish('member.hired', memberId, 1, {
        employeeNo: `O-${memberId.slice(0, 8)}`,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
        hiredAt: new Date().toISOString(),
        probationEndsAt: null,
      });

    it('keeps a reinstated member active when the suspension before it arrives late', async () => {
      const memberId = randomUUID();

      await taken('performance', 'performance-roster', [
        await hired(memberId),
        await reinstated(memberId, 3),
        await suspended(memberId, 2),
      ]);

      expect(await rosterOf(memberId)).toMatchObject({ status: 'active' });
    });

    it('applies each aspect by its own version: a late transfer still moves a suspended member', async () => {
      const memberId = randomUUID();
      const toTeamId = randomUUID();

      await taken('performance', 'performance-roster', [
        await suspended(memberId, 3),
        await publish('member.transferred', memberId, 2, {
          fromTeamId: teamId,
          toTeamId,
          position: 'team_leader',
          transferredAt: new Date().toISOString(),
        }),
        // The hiring (version 1) arrives last of all: it sets nothing newer.
        await hired(memberId),
      ]);

      expect(await rosterOf(memberId)).toEqual({
        status: 'suspended',
        teamId: toTeamId,
        position: 'team_leader',
        level: 'sales_rep',
      });
    });
  });
});

import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

import { MembersRpc } from '@salesops/members-contracts';
import { IdentitySigner, privateKeyFromBase64, RpcClient, SYSTEM_IDENTITY } from '@salesops/rpc';
import { ServiceProcess, TEST_IDENTITY_KEYS, TestNatsServer, waitFor } from '@salesops/testing';

import { testDb } from '../support/test-db';

interface DeadLetter {
  consumer: string;
  reason: string;
  attempts: number;
  event: { id: string };
}

describe('fault: the performance consumer', () => {
  let nats: TestNatsServer;
  let members: ServiceProcess;
  let performance: ServiceProcess;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let db: Pool;

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    [members, performance] = await Promise.all([
      ServiceProcess.start('members', { natsUrl: nats.url }),
      ServiceProcess.start('performance', { natsUrl: nats.url }),
    ]);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(
      nc,
      undefined,
      new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey)),
    );
    db = testDb();
  });

  afterAll(async () => {
    await nc?.close();
    await Promise.all([members?.stop(), performance?.stop()]);
    await nats?.stop();
    await db?.end();
  });

  const context = () => ({ requestId: randomUUID(), identity: SYSTEM_IDENTITY });
  const newTeam = async () =>
    (
      await rpc.call(
        MembersRpc.createTeam,
        { idempotencyKey: null, input: { name: `Fault ${randomUUID()}`, kind: 'other' } },
        context(),
      )
    ).id;
  const hire = (teamId: string) =>
    rpc.call(
      MembersRpc.createMember,
      {
        idempotencyKey: null,
        input: {
          employeeNo: `F-${randomUUID().slice(0, 8)}`,
          name: 'Fault Hire',
          teamId,
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
        },
      },
      context(),
    );
  const headcount = async (teamId: string) =>
    (
      await db.query<{ hired: number }>(
        `SELECT hired FROM performance.team_headcount WHERE "teamId" = $1`,
        [teamId],
      )
    ).rows[0]?.hired ?? 0;

  it('applies every event exactly once when killed in the middle of a stream of them', async () => {
    const teamId = await newTeam();
    // Hires go on one after another before, during and after the kill, so the consumer dies with
    // the stream half applied, whatever the speed of the machine.
    let killed = false;
    let hires = 0;
    const stream = (async () => {
      for (let after = 0; after < 20; after += killed ? 1 : 0) {
        await hire(teamId);
        hires += 1;
      }
    })();

    try {
      await waitFor(async () => (await headcount(teamId)) >= 3, {
        timeoutMs: 30_000,
        what: 'the consumer to be applying the stream',
      });
      await performance.kill();
    } finally {
      killed = true;
    }
    const hiredAtKill = hires;
    // The consumer is dead: what it applied is what it applied at the kill.
    const countedAtKill = await headcount(teamId);
    await stream;

    expect(countedAtKill).toBeGreaterThan(0);
    expect(countedAtKill).toBeLessThan(hires);
    expect(hires).toBeGreaterThanOrEqual(hiredAtKill + 20);
    // Nothing is applied while it is down.
    expect(await headcount(teamId)).toBe(countedAtKill);

    await performance.spawn();
    await waitFor(async () => (await headcount(teamId)) >= hires, {
      timeoutMs: 30_000,
      what: 'every hire counted',
    });
    expect(await headcount(teamId)).toBe(hires);
    const roster = await db.query(`SELECT 1 FROM performance.roster_member WHERE "teamId" = $1`, [
      teamId,
    ]);
    expect(roster.rowCount).toBe(hires);
  });

  it('dead-letters a poison event with its reason and goes on with the ones after it', async () => {
    const teamId = await newTeam();
    const deadLetters = nc.subscribe('salesops.deadletter.performance-roster', { max: 1 });
    const poison = {
      id: randomUUID(),
      type: 'members.member.hired',
      version: 1,
      source: 'members',
      time: new Date().toISOString(),
      subject: randomUUID(),
      actor: null,
      requestId: null,
      data: { memberId: 'not-a-uuid', teamId },
    };

    await jetstream(nc).publish('salesops.members.member.hired', JSON.stringify(poison), {
      msgID: poison.id,
    });
    await hire(teamId);

    await waitFor(async () => (await headcount(teamId)) === 1, {
      what: 'the hire after the poison event',
    });
    // Collected, then asserted: an expect inside the loop would pass if no letter ever came.
    const letters: DeadLetter[] = [];
    void (async () => {
      for await (const message of deadLetters) letters.push(message.json<DeadLetter>());
    })();
    await waitFor(() => letters.length > 0, { timeoutMs: 30_000, what: 'the dead letter' });
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      consumer: 'performance-roster',
      attempts: 5,
      event: { id: poison.id },
    });
    expect(letters[0]?.reason).toMatch(/memberId|uuid/i);
    expect(await headcount(teamId)).toBe(1);
  });
});

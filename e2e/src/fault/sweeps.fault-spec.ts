import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';

import { CustomersRpc } from '@salesops/customers-contracts';
import { MembersRpc } from '@salesops/members-contracts';
import { OrdersRpc } from '@salesops/orders-contracts';
import { IdentitySigner, privateKeyFromBase64, RpcClient, SYSTEM_IDENTITY } from '@salesops/rpc';
import { ServiceProcess, TEST_IDENTITY_KEYS, TestNatsServer, waitFor } from '@salesops/testing';

import { testDb } from '../support/test-db';

const SWEEP_MS = '200';
const RETRY_BASE_SECONDS = 5;

/**
 * The members service's sweeps (promotion notices, probation ends, leave, departures cut short)
 * always finish: due times and abandonment are judged by the database clock, an item that keeps
 * failing backs off on its own without blocking the ones behind it, each kind is swept on its own,
 * and a departure whose revert failed is retried until it is undone.
 */
describe('fault: due-time sweeps', () => {
  let nats: TestNatsServer;
  let members: ServiceProcess;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let db: Pool;
  let teamId: string;
  /** The owning services' reverts, played here: which handovers fail to be undone for now. */
  const refusing = new Set<string>();
  const revertsAsked: string[] = [];
  const owners: Subscription[] = [];

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    members = await ServiceProcess.start('members', {
      natsUrl: nats.url,
      env: { DUE_SWEEP_MS: SWEEP_MS },
    });
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(
      nc,
      undefined,
      new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey)),
    );
    db = testDb();
    for (const subject of [
      CustomersRpc.customers.revertHandover.subject,
      OrdersRpc.openOrders.revertHandover.subject,
    ]) {
      const sub = nc.subscribe(subject);
      owners.push(sub);
      void (async () => {
        for await (const message of sub) {
          const { data } = message.json<{ data: { handoverId: string } }>();
          revertsAsked.push(data.handoverId);
          message.respond(
            JSON.stringify(
              refusing.has(data.handoverId)
                ? { err: 'the owning service could not undo it' }
                : { response: { reverted: 0 } },
            ),
          );
        }
      })();
    }
    teamId = (
      await rpc.call(
        MembersRpc.createTeam,
        { idempotencyKey: null, input: { name: `Sweeps ${randomUUID()}`, kind: 'other' } },
        context(),
      )
    ).id;
  });

  afterAll(async () => {
    for (const sub of owners) sub.unsubscribe();
    await nc?.close();
    await members?.stop();
    await nats?.stop();
    await db?.end();
  });

  function context() {
    return { requestId: randomUUID(), identity: SYSTEM_IDENTITY };
  }

  const hire = async () =>
    (
      await rpc.call(
        MembersRpc.createMember,
        {
          idempotencyKey: null,
          input: {
            employeeNo: `S-${randomUUID().slice(0, 8)}`,
            name: 'Sweep Hire',
            teamId,
            position: 'sales_rep',
            track: 'professional',
            level: 'sales_rep',
          },
        },
        context(),
      )
    ).id;

  /** A promotion in notice, its notice ending at `noticeEndsAt` (SQL, by the database clock). */
  const promotionInNotice = async (
    noticeEndsAt: string,
    track = 'professional',
    memberId?: string,
  ) => {
    memberId ??= await hire();
    const id = randomUUID();
    await db.query(
      `INSERT INTO members.promotion (id, "memberId", "teamId", track, "fromLevel", "toLevel",
         status, "appliedBy", reason, evidence, "noticeEndsAt", "updatedAt")
       VALUES ($1, $2, $3, $4, 'sales_rep', 'senior_sales_rep', 'in_notice', $5, 'earned it',
         '{"since": "2026-01-01T00:00:00.000Z", "commendations": [], "sanctions": []}',
         ${noticeEndsAt}, now())`,
      [id, memberId, teamId, track, randomUUID()],
    );
    return { id, memberId };
  };
  const promotionStatus = async (id: string) =>
    (await db.query<{ status: string }>(`SELECT status FROM members.promotion WHERE id = $1`, [id]))
      .rows[0]?.status;

  /** A departure saga left by an instance, started at `createdAt` (SQL, by the database clock). */
  const departureStarted = async (createdAt: string, memberId?: string) => {
    const handoverId = randomUUID();
    await db.query(
      `INSERT INTO members.departure ("handoverId", "memberId", status, "createdAt", "updatedAt")
       VALUES ($1, $2, 'handing_over', ${createdAt}, now())`,
      [handoverId, memberId ?? (await hire())],
    );
    return handoverId;
  };
  const departureStatus = async (handoverId: string) =>
    (
      await db.query<{ status: string }>(
        `SELECT status FROM members.departure WHERE "handoverId" = $1`,
        [handoverId],
      )
    ).rows[0]?.status;

  const retryOf = async (kind: string, itemId: string) =>
    (
      await db.query<{ attempts: number; waits: number; lastError: string }>(
        `SELECT attempts, extract(epoch FROM "nextAttemptAt" - "updatedAt")::float8 AS waits,
                "lastError"
           FROM members.sweep_retry WHERE kind = $1 AND "itemId" = $2`,
        [kind, itemId],
      )
    ).rows[0];
  /** Moves time on for one item: its next attempt is due now. */
  const retryNow = (kind: string, itemId: string) =>
    db.query(
      `UPDATE members.sweep_retry SET "nextAttemptAt" = now() - interval '1 second'
        WHERE kind = $1 AND "itemId" = $2`,
      [kind, itemId],
    );

  it('backs off an item that keeps failing and goes on with the ones behind it', async () => {
    // Fails the same way every time: its event cannot be written for an unknown track.
    const poison = await promotionInNotice(`now() - interval '3 minutes'`, 'no_such_track');
    const good = [
      await promotionInNotice(`now() - interval '2 minutes'`),
      await promotionInNotice(`now() - interval '1 minute'`),
    ];

    for (const { id } of good) {
      await waitFor(async () => (await promotionStatus(id)) === 'effective', {
        what: 'the promotions behind the failing one to become effective',
      });
    }
    expect(await promotionStatus(poison.id)).toBe('in_notice');
    const first = await waitFor(() => retryOf('promotion-effective', poison.id), {
      what: 'the failing promotion to be put back',
    });
    expect(first.lastError).toMatch(/track|invalid/i);
    expect(first.waits).toBeCloseTo(RETRY_BASE_SECONDS * 2 ** (first.attempts - 1), 1);

    await retryNow('promotion-effective', poison.id);
    const later = await waitFor(
      async () => {
        const retry = await retryOf('promotion-effective', poison.id);
        return retry && retry.attempts > first.attempts && retry;
      },
      { what: 'the next attempt to fail too' },
    );
    expect(later.waits).toBeCloseTo(RETRY_BASE_SECONDS * 2 ** (later.attempts - 1), 1);
    expect(later.waits).toBeGreaterThan(first.waits);
    expect(await promotionStatus(poison.id)).toBe('in_notice');
    // An unknown track is no promotion the API could show: leave none behind for the other suites.
    await db.query('DELETE FROM members.promotion WHERE id = $1', [poison.id]);
    await db.query('DELETE FROM members.sweep_retry WHERE "itemId" = $1', [poison.id]);
  });

  it('sweeps each kind on its own: a promotion stuck on a lock stalls no probation', async () => {
    const stuck = await promotionInNotice(`now() - interval '1 minute'`);
    const lock: PoolClient = await db.connect();
    try {
      await lock.query('BEGIN');
      // Making the promotion effective changes the member: it waits for this lock.
      await lock.query(`SELECT 1 FROM members.member WHERE id = $1 FOR UPDATE`, [stuck.memberId]);
      const dueMember = await hire();
      await db.query(
        `UPDATE members.member SET "probationEndsAt" = now() - interval '1 day' WHERE id = $1`,
        [dueMember],
      );

      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM members.member WHERE id = $1 AND "probationDueAnnouncedAt" IS NOT NULL`,
              [dueMember],
            )
          ).rowCount === 1,
        { what: 'the probation end to be announced while the promotion waits' },
      );
      expect(await promotionStatus(stuck.id)).toBe('in_notice');
    } finally {
      await lock.query('ROLLBACK');
      lock.release();
    }
    await waitFor(async () => (await promotionStatus(stuck.id)) === 'effective', {
      what: 'the promotion once the lock is gone',
    });
  });

  it('retries a revert that failed until it is done, and undoes the departures behind it meanwhile', async () => {
    // Both started by an instance that died long ago; the first cannot be undone for now.
    const failing = await departureStarted(`now() - interval '10 minutes'`);
    const behind = await departureStarted(`now() - interval '9 minutes'`);
    refusing.add(failing);

    await waitFor(async () => (await departureStatus(behind)) === 'reverted', {
      what: 'the departure behind the failing one to be undone',
    });
    // Taken over by the sweep: it stays being undone, whoever tries it next.
    await waitFor(async () => (await departureStatus(failing)) === 'reverting', {
      what: 'the failing departure to be marked reverting',
    });
    const retry = await waitFor(() => retryOf('departure-revert', failing), {
      what: 'the failing revert to be put back',
    });
    expect(retry.lastError).toContain('not undone yet');

    refusing.delete(failing);
    await retryNow('departure-revert', failing);
    await waitFor(async () => (await departureStatus(failing)) === 'reverted', {
      what: 'the revert to succeed on a later sweep',
    });
    expect(await retryOf('departure-revert', failing)).toBeUndefined();
  });

  describe('an instance whose clock is an hour ahead of the database', () => {
    let skewed: ServiceProcess;
    /** Hired first: an instance an hour ahead takes every identity signed now as expired. */
    let hired: string[];

    beforeAll(async () => {
      hired = [await hire(), await hire()];
      skewed = await ServiceProcess.start('members', {
        natsUrl: nats.url,
        env: {
          DUE_SWEEP_MS: SWEEP_MS,
          NODE_OPTIONS: `--import ${join(__dirname, '..', 'support', 'skewed-clock.mjs')}`,
          CLOCK_SKEW_MS: String(60 * 60 * 1000),
        },
      });
    });

    afterAll(async () => {
      await skewed?.stop();
    });

    const passes = async (kind: string) => {
      const text = await (await fetch(`http://127.0.0.1:${skewed.opsPort}/metrics`)).text();
      const line = text
        .split('\n')
        .find((row) => row.startsWith('salesops_sweep_passes_total{') && row.includes(kind));
      return Number(line?.split(' ').pop() ?? 0);
    };
    /** Two passes begun after now: one of them went over everything there is now. */
    const sweptOver = async (kind: string) => {
      const from = await passes(kind);
      await waitFor(async () => (await passes(kind)) >= from + 2, {
        what: `the skewed instance to sweep ${kind}`,
      });
    };

    it('makes no promotion effective before its notice ends, and takes over no live departure', async () => {
      const notYet = await promotionInNotice(
        `now() + interval '30 minutes'`,
        'professional',
        hired[0],
      );
      const live = await departureStarted(`now() - interval '1 minute'`, hired[1]);

      await sweptOver('promotion-effective');
      await sweptOver('departure-revert');
      expect(await promotionStatus(notYet.id)).toBe('in_notice');
      expect(await departureStatus(live)).toBe('handing_over');
      expect(revertsAsked).not.toContain(live);

      // Time moves on, in the database.
      await db.query(
        `UPDATE members.promotion SET "noticeEndsAt" = now() - interval '1 second' WHERE id = $1`,
        [notYet.id],
      );
      await db.query(
        `UPDATE members.departure SET "createdAt" = now() - interval '3 minutes'
          WHERE "handoverId" = $1`,
        [live],
      );
      await waitFor(async () => (await promotionStatus(notYet.id)) === 'effective', {
        what: 'the promotion once its notice ended',
      });
      await waitFor(async () => (await departureStatus(live)) === 'reverted', {
        what: 'the departure once it was abandoned',
      });
    });
  });
});

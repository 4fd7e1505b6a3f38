import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

import { ServiceProcess, TestNatsServer, waitFor } from '@salesops/testing';

import { testDb } from '../support/test-db';

/**
 * Rows the relay can never publish (larger than the bus takes, or on a subject no stream keeps)
 * are parked with an alert; the events behind them are published.
 */
describe('fault: an outbox row that can never be published', () => {
  let nats: TestNatsServer;
  let members: ServiceProcess;
  let nc: NatsConnection;
  let db: Pool;
  const unpublishable = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    members = await ServiceProcess.start('members', { natsUrl: nats.url });
    nc = await connect({ servers: nats.url });
    db = testDb();
  });

  afterAll(async () => {
    await db?.query(`DELETE FROM members.outbox_event WHERE id = ANY($1::uuid[])`, [unpublishable]);
    await nc?.close();
    await members?.stop();
    await nats?.stop();
    await db?.end();
  });

  const append = (id: string, type: string, data: unknown) =>
    db.query(
      `INSERT INTO members.outbox_event (id, type, subject, envelope) VALUES ($1, $2, $3, $4)`,
      [
        id,
        type,
        id,
        JSON.stringify({
          id,
          type,
          version: 1,
          source: 'members',
          time: new Date().toISOString(),
          subject: id,
          actor: null,
          requestId: null,
          data,
        }),
      ],
    );

  it('parks them with a reason and a metric, and publishes the events behind them', async () => {
    const [tooLarge, noStream] = unpublishable as [string, string];
    await append(tooLarge, 'members.team.changed', { blob: 'x'.repeat(2 * 1024 * 1024) });
    await append(noStream, 'nowhere.thing.happened', {});
    const behind = randomUUID();
    await append(behind, 'members.team.changed', { teamId: behind });

    await waitFor(
      async () => {
        const { rows } = await db.query<{ publishedAt: Date | null }>(
          `SELECT "publishedAt" FROM members.outbox_event WHERE id = $1`,
          [behind],
        );
        return rows[0]?.publishedAt != null;
      },
      { timeoutMs: 30_000, what: 'the event behind the unpublishable ones to be published' },
    );
    const jsm = await jetstreamManager(nc);
    const stored = await jsm.streams.getMessage('SALESOPS_MEMBERS', {
      last_by_subj: 'salesops.members.team.changed',
    });
    expect((stored?.json<{ id: string }>() ?? { id: null }).id).toBe(behind);

    const { rows } = await db.query<{ id: string; parked: boolean; parkedReason: string }>(
      `SELECT id, "parkedAt" IS NOT NULL AS parked, "parkedReason" FROM members.outbox_event
       WHERE id = ANY($1::uuid[]) ORDER BY seq`,
      [unpublishable],
    );
    expect(rows.map(({ id, parked }) => ({ id, parked }))).toEqual([
      { id: tooLarge, parked: true },
      { id: noStream, parked: true },
    ]);
    expect(rows[0]?.parkedReason).toMatch(/too large|payload/i);
    expect(rows[1]?.parkedReason).toMatch(/no stream/i);
    const metrics = await (await fetch(`http://127.0.0.1:${members.opsPort}/metrics`)).text();
    expect(metrics).toMatch(/^salesops_outbox_parked_total{service="members"} 2$/m);
  });
});

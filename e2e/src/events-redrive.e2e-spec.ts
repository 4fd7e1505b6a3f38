import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { DEAD_LETTER_STREAM, ensureStream, streamOf } from '@salesops/messaging';
import { TestNatsServer } from '@salesops/testing';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('npm run events:redrive -- <consumer>', () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it("publishes one consumer's dead-lettered events again and deletes their dead letters", async () => {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    await ensureStream(jsm, streamOf('members'));
    await ensureStream(jsm, DEAD_LETTER_STREAM);
    const event = { id: randomUUID(), type: 'members.member.suspended', data: {} };
    const letter = (consumer: string, body: unknown) =>
      js.publish(
        `salesops.deadletter.${consumer}`,
        JSON.stringify({ consumer, reason: 'r', attempts: 5, failedAt: '', event: body }),
      );
    await letter('gateway-sessions', event);
    await letter('performance-roster', { ...event, id: randomUUID() });

    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'tools', 'events', 'redrive.mjs'), 'gateway-sessions'],
      { env: { ...process.env, NATS_URL: nats.url } },
    );

    expect(stdout).toContain('gateway-sessions: 1 dead letters re-driven');
    const republished = await jsm.streams.getMessage(streamOf('members').name, {
      last_by_subj: 'salesops.members.member.suspended',
    });
    expect(republished?.json()).toEqual(event);
    const left = await jsm.streams.info(DEAD_LETTER_STREAM.name);
    expect(left.state.messages).toBe(1);
    const other = await jsm.streams.getMessage(DEAD_LETTER_STREAM.name, {
      last_by_subj: 'salesops.deadletter.performance-roster',
    });
    expect(other).toBeTruthy();
  });
});

import { jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import { ensureStream, streamSettingsFromEnv } from '../src/streams';

const DAY_NS = nanos(24 * 60 * 60 * 1000);

describe('streams', () => {
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connect({ servers: process.env['TEST_NATS_URL'] as string });
  });

  afterAll(async () => {
    await nc?.close();
  });

  it('reads its settings from the environment, with stated defaults', () => {
    expect(streamSettingsFromEnv({})).toEqual({
      replicas: 1,
      maxAgeDays: 400,
      maxBytes: 1024 ** 3,
    });
    expect(streamSettingsFromEnv({ NATS_STREAM_REPLICAS: '3' }).replicas).toBe(3);
    expect(() => streamSettingsFromEnv({ NATS_STREAM_REPLICAS: '0' })).toThrow(
      /NATS_STREAM_REPLICAS/,
    );
  });

  it('creates a stream with the configured limits and brings an existing one to new ones', async () => {
    const jsm = await jetstreamManager(nc);
    const stream = { name: `T_${randomUUID().slice(0, 8)}`, subjects: [`t.${randomUUID()}.>`] };
    try {
      await ensureStream(jsm, stream, {
        settings: { replicas: 1, maxAgeDays: 30, maxBytes: 1024 ** 2 },
      });
      expect((await jsm.streams.info(stream.name)).config).toMatchObject({
        num_replicas: 1,
        max_age: 30 * DAY_NS,
        max_bytes: 1024 ** 2,
      });

      const longer = { replicas: 1, maxAgeDays: 60, maxBytes: -1 };
      await ensureStream(jsm, stream, { settings: longer, reconcile: false });
      expect((await jsm.streams.info(stream.name)).config.max_age).toBe(30 * DAY_NS);
      await ensureStream(jsm, stream, { settings: longer });
      expect((await jsm.streams.info(stream.name)).config).toMatchObject({
        max_age: 60 * DAY_NS,
        max_bytes: -1,
      });
    } finally {
      await jsm.streams.delete(stream.name);
    }
  });
});

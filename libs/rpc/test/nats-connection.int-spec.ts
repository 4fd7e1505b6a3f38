import type { NatsConnection } from '@nats-io/transport-node';

import { connectNats } from '../src/nats-connection';

const natsUrl = process.env['TEST_NATS_URL'] as string;

describe('connectNats (real NATS)', () => {
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connectNats(natsUrl, 'coalesce-test');
  });

  afterAll(async () => {
    await nc.close();
  });

  it('writes the messages of one turn in one write, and every message still arrives in order', async () => {
    // nats.js's internals this relies on: if they change, the connection is left as it was.
    const protocol = (
      nc as unknown as { protocol: { transport: { send(data: Uint8Array): void } } }
    ).protocol;
    expect(Object.hasOwn(protocol, 'sendCommand')).toBe(true);
    const received: string[] = [];
    const all = new Promise<void>((resolve) => {
      nc.subscribe('coalesce-test.n', {
        callback: (_error, msg) => {
          received.push(msg.string());
          if (received.length === 20) resolve();
        },
      });
    });
    await nc.flush();
    const send = protocol.transport.send.bind(protocol.transport);
    let writes = 0;
    protocol.transport.send = (data) => {
      writes += 1;
      send(data);
    };

    for (let i = 0; i < 20; i += 1) {
      nc.publish('coalesce-test.n', String(i));
      await Promise.resolve();
    }
    await all;

    expect(writes).toBe(1);
    expect(received).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });
});

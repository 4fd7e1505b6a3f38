import type { NatsConnection } from '@nats-io/transport-node';

import { coalesceWrites } from './nats-connection';

/** A stand-in for nats.js's protocol handler: what it queues, and each write it makes. */
function fakeConnection(pendingLimit = 1024) {
  let queued: Uint8Array[] = [];
  const writes: string[] = [];
  const decoder = new TextDecoder();
  const protocol = {
    pendingLimit,
    outbound: {
      length: () => queued.length,
      size: () => queued.reduce((sum, part) => sum + part.length, 0),
      fill: (data: Uint8Array, ...more: Uint8Array[]) => {
        queued.push(data, ...more);
      },
    },
    sendCommand: () => {
      throw new Error('replaced');
    },
    flushPending: () => {
      if (queued.length === 0) return;
      writes.push(queued.map((part) => decoder.decode(part)).join(''));
      queued = [];
    },
  };
  return { nc: { protocol } as unknown as NatsConnection, protocol, writes };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesceWrites', () => {
  it("writes the messages queued in one turn of the event loop at once, in their order, after the turn's I/O", async () => {
    const { nc, protocol, writes } = fakeConnection();
    coalesceWrites(nc);

    protocol.sendCommand('PUB a 1\r\n', new TextEncoder().encode('x'));
    await Promise.resolve(); // a reply sent after an awaited step of the same turn
    protocol.sendCommand('PUB b 0\r\n');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['PUB a 1\r\nxPUB b 0\r\n']);

    protocol.sendCommand('PUB c 0\r\n');
    await nextTurn();
    expect(writes).toEqual(['PUB a 1\r\nxPUB b 0\r\n', 'PUB c 0\r\n']);
  });

  it('writes at once when the queue reaches its limit', async () => {
    const { nc, protocol, writes } = fakeConnection(12);
    coalesceWrites(nc);

    protocol.sendCommand('PUB a 0\r\n');
    protocol.sendCommand('PUB b 0\r\n');
    expect(writes).toEqual(['PUB a 0\r\nPUB b 0\r\n']);
    await nextTurn();
    expect(writes).toHaveLength(1);
  });

  it('leaves a connection whose internals it does not know as it is', () => {
    const sendCommand = () => undefined;
    const nc = { protocol: { sendCommand } } as unknown as NatsConnection;
    coalesceWrites(nc);
    expect((nc as unknown as { protocol: { sendCommand: unknown } }).protocol.sendCommand).toBe(
      sendCommand,
    );
  });
});

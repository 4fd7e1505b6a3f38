import type { Logger } from 'pino';

import type { DepartmentEventsRepository, LoggedEvent } from './department-events.repository';
import { EventStreamHub } from './event-stream.hub';

const row = (seq: number) => ({ seq: BigInt(seq), envelope: { id: `e-${seq}` } }) as LoggedEvent;

/** A log whose reads wait until the test lets them answer. */
class FakeLog {
  rows: LoggedEvent[] = [];
  reads: (() => void)[] = [];
  last(): Promise<bigint> {
    return Promise.resolve(0n);
  }
  after(seq: bigint, limit: number): Promise<LoggedEvent[]> {
    // What the read sees is what had committed when it began.
    const seen = this.rows.filter((r) => r.seq > seq).slice(0, limit);
    return new Promise((resolve) => {
      this.reads.push(() => resolve(seen));
    });
  }
}

const settle = async () => {
  for (let n = 0; n < 10; n += 1) await Promise.resolve();
};

describe('the event stream hub', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads when woken, and once more when woken during a read, without waiting for its poll', async () => {
    const log = new FakeLog();
    const hub = new EventStreamHub(
      log as unknown as DepartmentEventsRepository,
      { warn: jest.fn() } as unknown as Logger,
    );
    const seen: bigint[] = [];
    await hub.join({ offerAll: (rows) => seen.push(...rows.map((r) => r.seq)) });

    log.rows.push(row(1));
    hub.wake();
    await settle();
    expect(log.reads).toHaveLength(1);
    // Committed while that read is on its way: it may not be in it.
    log.rows.push(row(2));
    hub.wake();
    log.reads.shift()?.();
    await settle();
    log.reads.shift()?.();
    await settle();
    expect(seen).toEqual([1n, 2n]);
    hub.beforeApplicationShutdown();
  });
});

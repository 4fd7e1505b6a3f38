import pino from 'pino';

import type { DueKind, DueRetries } from './due-sweep';
import { DueSweepGroup } from './due-sweep-group';
import type { UnitOfWork, Work } from './unit-of-work';

describe('a group of due sweeps', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sweeps every kind on its own timer from start, and none after stop', async () => {
    const claims: string[] = [];
    const kindOf = (name: string): DueKind => ({
      name,
      claim: () => {
        claims.push(name);
        return Promise.resolve(null);
      },
      apply: () => Promise.resolve(),
    });
    const retries: DueRetries = { failed: () => Promise.resolve(), done: () => Promise.resolve() };
    const unitOfWork = {
      run: <T>(work: (work: Work) => Promise<T>) => work({} as Work),
    } as unknown as UnitOfWork;
    const sut = new DueSweepGroup(unitOfWork, retries, 1000, pino({ level: 'silent' }), {
      passed: () => {},
      failed: () => {},
    });

    sut.start([kindOf('a'), kindOf('b')]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(claims.sort()).toEqual(['a', 'a', 'b', 'b']);

    await sut.stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(claims).toHaveLength(4);
    expect(jest.getTimerCount()).toBe(0);
  });
});

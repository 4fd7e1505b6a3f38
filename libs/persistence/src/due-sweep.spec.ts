import pino from 'pino';

import { type DueKind, type DueRetries, DueSweep } from './due-sweep';
import type { UnitOfWork, Work } from './unit-of-work';

/** Items due, in order; one claimed is skipped while it waits for a retry, as the SQL does. */
function harness(items: string[], failing: Set<string>) {
  const waiting = new Set<string>();
  const done: string[] = [];
  const failedHook: string[] = [];
  const kind: DueKind = {
    name: 'promotion-effective',
    claim: () =>
      Promise.resolve(items.find((id) => !done.includes(id) && !waiting.has(id)) ?? null),
    apply: (id) => {
      if (failing.has(id)) return Promise.reject(new Error(`${id} fails`));
      done.push(id);
      return Promise.resolve();
    },
    failed: (id) => {
      failedHook.push(id);
      return Promise.resolve();
    },
  };
  const retries: DueRetries = {
    failed: (_kind, id) => {
      waiting.add(id);
      return Promise.resolve();
    },
    done: () => Promise.resolve(),
  };
  const unitOfWork = {
    run: <T>(work: (work: Work) => Promise<T>) => work({} as Work),
  } as unknown as UnitOfWork;
  const observed = { passes: 0, failures: 0 };
  const sut = new DueSweep(kind, unitOfWork, retries, 1000, pino({ level: 'silent' }), {
    passed: () => (observed.passes += 1),
    failed: () => (observed.failures += 1),
  });
  return { sut, done, waiting, failedHook, observed };
}

describe('a sweep of one kind', () => {
  it('puts a failing item back to wait and does the ones behind it', async () => {
    const { sut, done, waiting, failedHook, observed } = harness(
      ['poison', 'a', 'b'],
      new Set(['poison']),
    );

    await expect(sut.pass()).resolves.toBe(2);

    expect(done).toEqual(['a', 'b']);
    expect([...waiting]).toEqual(['poison']);
    expect(failedHook).toEqual(['poison']);
    expect(observed).toEqual({ passes: 1, failures: 1 });
  });

  it('ends the pass, and counts it, when the claim itself fails (the database is away)', async () => {
    const { sut, observed } = harness([], new Set());
    (sut as unknown as { kind: DueKind }).kind.claim = () => Promise.reject(new Error('down'));

    await expect(sut.pass()).resolves.toBe(0);

    expect(observed).toEqual({ passes: 1, failures: 0 });
  });
});

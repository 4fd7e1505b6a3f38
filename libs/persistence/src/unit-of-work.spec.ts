import { type TransactionRunner, UnitOfWork, type Work } from './unit-of-work';

/** A runner that counts transactions and hands each a fresh handle. */
function countingRunner() {
  const handles: unknown[] = [];
  const runner: TransactionRunner = {
    $transaction: <T>(work: (tx: never) => Promise<T>) => {
      const tx = { n: handles.length };
      handles.push(tx);
      return work(tx as never);
    },
  };
  return { runner, handles };
}

describe('UnitOfWork', () => {
  it('runs the work in one transaction and gives it the transaction as its handle', async () => {
    const { runner, handles } = countingRunner();
    const sut = new UnitOfWork(runner);
    let seen: Work | undefined;
    await expect(
      sut.run((work) => {
        seen = work;
        return Promise.resolve('done');
      }),
    ).resolves.toBe('done');
    expect(handles).toHaveLength(1);
    expect(seen).toBe(handles[0]);
  });

  it('runs one transaction per due item until none is left', async () => {
    const { runner, handles } = countingRunner();
    const sut = new UnitOfWork(runner);
    let due = 3;
    await expect(sut.eachOnce(() => Promise.resolve(due-- > 0))).resolves.toBe(3);
    expect(handles).toHaveLength(4);
  });
});

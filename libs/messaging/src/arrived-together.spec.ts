import { arrivedTogether } from './arrived-together';

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

describe('arrivedTogether', () => {
  it('batches what is already there, up to the limit', async () => {
    async function* ready() {
      for (const n of [1, 2, 3, 4, 5]) yield await Promise.resolve(n);
    }
    expect(await collect(arrivedTogether(ready(), 2))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('does not hold a batch back for an item that has not arrived', async () => {
    let release: () => void = () => undefined;
    const later = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* stream() {
      yield 1;
      yield 2;
      await later;
      yield 3;
    }
    const batches = arrivedTogether(stream(), 10);
    expect((await batches.next()).value).toEqual([1, 2]);
    release();
    expect((await batches.next()).value).toEqual([3]);
    expect((await batches.next()).done).toBe(true);
  });
});

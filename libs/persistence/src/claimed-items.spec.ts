import { applyEachClaimed, type ClaimedItems } from './claimed-items';
import type { UnitOfWork, Work } from './unit-of-work';

/** A unit of work that rolls back what an item did when it throws, as a transaction does. */
function harness(due: string[], failing: Set<string>) {
  const applied: string[] = [];
  const aside = new Set<string>();
  const unitOfWork = {
    run: async <T>(work: (work: Work) => Promise<T>) => {
      const before = applied.length;
      try {
        return await work({} as Work);
      } catch (error) {
        applied.length = before;
        throw error;
      }
    },
  } as unknown as UnitOfWork;
  const items: ClaimedItems<string, string> = {
    claim: () => Promise.resolve(due.find((id) => !applied.includes(id) && !aside.has(id)) ?? null),
    apply: (id) => {
      applied.push(id);
      return failing.has(id) ? Promise.reject(new Error(`${id} fails`)) : Promise.resolve(id);
    },
    failed: (id) => {
      aside.add(id);
      return Promise.resolve();
    },
  };
  return { unitOfWork, items, applied, aside };
}

describe('applyEachClaimed', () => {
  it('applies every item due, each once, and sets aside one that fails', async () => {
    const { unitOfWork, items, applied, aside } = harness(
      ['a', 'poison', 'b'],
      new Set(['poison']),
    );

    await expect(applyEachClaimed(unitOfWork, items)).resolves.toEqual({
      done: ['a', 'b'],
      failed: 1,
    });
    expect(applied).toEqual(['a', 'b']);
    expect([...aside]).toEqual(['poison']);
  });

  it('ends the pass by throwing when the claim itself fails (the database is away)', async () => {
    const { unitOfWork, items } = harness(['a'], new Set());
    items.claim = () => Promise.reject(new Error('down'));

    await expect(applyEachClaimed(unitOfWork, items)).rejects.toThrow('down');
  });

  it('ends the pass by throwing on a failed item when no one records failures', async () => {
    const { unitOfWork, items } = harness(['poison', 'a'], new Set(['poison']));
    delete items.failed;

    await expect(applyEachClaimed(unitOfWork, items)).rejects.toThrow('poison fails');
  });

  it('stops between items when told to', async () => {
    const { unitOfWork, items, applied } = harness(['a', 'b', 'c'], new Set());

    await expect(applyEachClaimed(unitOfWork, items, () => applied.length >= 2)).resolves.toEqual({
      done: ['a', 'b'],
      failed: 0,
    });
  });
});

import type { UnitOfWork, Work } from './unit-of-work';

/**
 * Due items a sweep takes one at a time. `claim` finds one due and locks it (`FOR UPDATE SKIP
 * LOCKED`) until its transaction ends, so instances sweeping together do each once; `apply` does it
 * in that transaction; `failed`, after that transaction rolled back, records what the failed
 * attempt leaves behind (without it, a failure ends the pass).
 */
export interface ClaimedItems<Item, Result> {
  claim(work: Work): Promise<Item | null>;
  apply(item: Item, work: Work): Promise<Result>;
  failed?(item: Item, error: unknown): Promise<void>;
}

/**
 * Claims and applies due items, each in a transaction of its own, until none is left or `stopped`
 * says so; an item that fails is handed to `failed` and the ones behind it go on. A claim that
 * fails (the database itself) ends the pass: it throws.
 */
export async function applyEachClaimed<Item, Result>(
  unitOfWork: UnitOfWork,
  items: ClaimedItems<Item, Result>,
  stopped: () => boolean = () => false,
): Promise<{ done: Result[]; failed: number }> {
  const done: Result[] = [];
  let failed = 0;
  do {
    const claimed: { item: Item | null } = { item: null };
    try {
      const outcome = await unitOfWork.run(async (work) => {
        claimed.item = await items.claim(work);
        if (claimed.item === null) return null;
        return { result: await items.apply(claimed.item, work) };
      });
      if (outcome === null) break;
      done.push(outcome.result);
    } catch (error) {
      if (claimed.item === null || !items.failed) throw error;
      failed += 1;
      await items.failed(claimed.item, error);
    }
  } while (!stopped());
  return { done, failed };
}

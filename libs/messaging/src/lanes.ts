/**
 * Splits a batch into `count` lanes (some may be empty), to be applied at once: the items of one
 * key go to the same lane, in every batch, in their order; those without a key all go to the
 * first lane, in theirs.
 */
export function lanesOf<T>(
  items: readonly T[],
  count: number,
  keyOf: (item: T) => string | undefined,
): T[][] {
  const lanes: T[][] = Array.from({ length: Math.max(1, count) }, () => []);
  for (const item of items) {
    const key = keyOf(item);
    (lanes[key === undefined ? 0 : hashOf(key) % lanes.length] as T[]).push(item);
  }
  return lanes;
}

/** FNV-1a: spreads keys such as uuids evenly, the same in every process. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

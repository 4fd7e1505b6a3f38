/**
 * The items of an async iterable in batches of what arrived together: a batch starts with the next
 * item, whenever it comes, and takes the ones already there (those that resolve before the next
 * macrotask), up to `limit`. Nothing waits for more.
 */
export async function* arrivedTogether<T>(
  source: AsyncIterable<T>,
  limit: number,
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  for (let first = await next; !first.done; first = await next) {
    const batch = [first.value];
    next = iterator.next();
    while (batch.length < limit) {
      const more = await Promise.race([next, nextMacrotask()]);
      if (more === undefined || more.done) break;
      batch.push(more.value);
      next = iterator.next();
    }
    yield batch;
  }
}

const nextMacrotask = (): Promise<undefined> =>
  new Promise((resolve) => setImmediate(() => resolve(undefined)));

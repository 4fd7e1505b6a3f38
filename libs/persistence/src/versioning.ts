import { DomainError } from '@salesops/rpc';

/**
 * Optimistic concurrency: an update names the version it was based on and applies only if the row
 * still has it. `updated` is the count of rows the guarded update changed.
 */
export function assertVersionedUpdate(
  updated: number,
  exists: boolean,
  notFound: DomainError,
): void {
  if (updated > 0) return;
  throw exists ? new DomainError('VERSION_MISMATCH') : notFound;
}

/**
 * The arguments of an `updateMany` that applies `change` only to the version it was based on (any
 * version when null: a change made without `If-Match`), and only while `also` holds.
 */
export function atVersion<Change extends object, Also extends object = object>(
  id: string,
  expectedVersion: number | null,
  change: Change,
  also?: Also,
): {
  where: { id: string; version?: number } & Also;
  data: Change & { version: { increment: number } };
} {
  return {
    where: {
      id,
      ...(expectedVersion === null ? {} : { version: expectedVersion }),
      ...(also as Also),
    },
    data: { ...change, version: { increment: 1 } },
  };
}

/**
 * An `If-Match` update: `update` applies the change only at the expected version (see
 * `atVersion`), `read` reads the row after it. The row; `412 VERSION_MISMATCH` when the row has
 * moved on, `notFound` when there is none.
 */
export async function versionedUpdate<Row>(
  notFound: DomainError,
  update: () => Promise<{ count: number }>,
  read: () => Promise<Row | null>,
): Promise<Row> {
  const { count } = await update();
  const row = await read();
  assertVersionedUpdate(count, row !== null, notFound);
  return row as Row;
}

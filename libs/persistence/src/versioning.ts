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

import { databaseFailureOf } from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

/** NATS client errors that say the bus or the callee is away for now, not that the work is wrong. */
const TRANSIENT_NATS_ERRORS = new Set([
  'TimeoutError',
  'ClosedConnectionError',
  'DrainingConnectionError',
  'ConnectionError',
  'NoRespondersError',
  'RequestError',
]);

/**
 * A failure that passes if tried again later: the database or NATS unavailable, a timeout, a
 * serialization failure or a deadlock, a called service that is away. Retrying it is not poison.
 */
export function isTransientFailure(error: unknown): boolean {
  if (databaseFailureOf(error)) return true;
  if (error instanceof DomainError) {
    return error.code === 'SERVICE_UNAVAILABLE' || error.code === 'SERVICE_TIMEOUT';
  }
  const name = typeof error === 'object' && error !== null ? (error as Error).name : undefined;
  return name !== undefined && TRANSIENT_NATS_ERRORS.has(name);
}

/**
 * Failures that say nothing about the work itself and pass if tried again later: the database is
 * away or restarting ('unavailable'), or the transaction lost a race ('conflict': serialization
 * failure, deadlock, lock not available).
 */
export type DatabaseFailure = 'unavailable' | 'conflict';

const UNAVAILABLE_PRISMA_CODES = new Set([
  'P1001', // cannot reach the server
  'P1002', // the server did not answer in time
  'P1008', // socket timeout
  'P1017', // the server closed the connection
  'P2024', // no connection free in the pool in time
  'P2028', // transaction API: the transaction's connection is gone or timed out
  'P2037', // too many connections
]);
const CONFLICT_PRISMA_CODES = new Set(['P2034']);

/** SQLSTATEs: admin shutdown, crash shutdown, cannot connect now, too many connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const CONFLICT_SQLSTATES = new Set(['40001', '40P01', '55P03']);
const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
// node-postgres reports a lost or refused connection in plain Errors without a code.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Client was closed and is not queryable|Can't reach database server|terminating connection|the database system is (starting up|shutting down|in recovery)/i;

export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const found = queue.shift();
    if (typeof found !== 'object' || found === null || seen.has(found)) continue;
    seen.add(found);
    const failure = failureOfOne(found);
    if (failure) return failure;
    const { cause, meta } = found as Inspected;
    queue.push(cause, meta?.driverAdapterError);
  }
  return undefined;
}

export const isDatabaseUnavailable = (error: unknown): boolean =>
  databaseFailureOf(error) === 'unavailable';

interface Inspected {
  name?: unknown;
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function failureOfOne(error: Inspected): DatabaseFailure | undefined {
  const code = typeof error.code === 'string' ? error.code : undefined;
  const sqlState = typeof error.originalCode === 'string' ? error.originalCode : code;
  if (error.name === 'PrismaClientKnownRequestError' && code) {
    if (UNAVAILABLE_PRISMA_CODES.has(code)) return 'unavailable';
    if (CONFLICT_PRISMA_CODES.has(code)) return 'conflict';
  }
  if (sqlState && (UNAVAILABLE_SQLSTATES.has(sqlState) || /^08...$/.test(sqlState))) {
    return 'unavailable';
  }
  if (sqlState && CONFLICT_SQLSTATES.has(sqlState)) return 'conflict';
  if (typeof error.kind === 'string' && UNAVAILABLE_KINDS.has(error.kind)) return 'unavailable';
  if (error.kind === 'TransactionWriteConflict') return 'conflict';
  if (code && SOCKET_CODES.has(code)) return 'unavailable';
  if (typeof error.message === 'string' && UNAVAILABLE_MESSAGES.test(error.message)) {
    return 'unavailable';
  }
  return undefined;
}

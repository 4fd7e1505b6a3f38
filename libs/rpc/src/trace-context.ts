import { randomFillSync } from 'node:crypto';

/** W3C Trace Context: `traceparent: 00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>`. */
const TRACEPARENT = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

export interface TraceParent {
  traceId: string;
  spanId: string;
  flags: string;
}

/** A valid header (version 00, ids not all zero), or null. */
export function parseTraceparent(value: string | undefined | null): TraceParent | null {
  const match = value ? TRACEPARENT.exec(value.trim().toLowerCase()) : null;
  if (!match || match[1] === 'ff') return null;
  const [, , traceId = '', spanId = '', flags = ''] = match;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return null;
  return { traceId, spanId, flags };
}

/** Random bytes drawn in blocks (one `randomFillSync` per 256 spans), each byte used once. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

/**
 * The `traceparent` of a new span: in the trace of `parent` when there is one (an HTTP client's, or
 * the caller's on the bus), otherwise of a new trace.
 */
export function childTraceparent(parent?: string | null): string {
  const trace = parseTraceparent(parent);
  const traceId = trace?.traceId ?? randomHex(16);
  return `00-${traceId}-${randomHex(8)}-${trace?.flags ?? '01'}`;
}

export function traceIdOf(traceparent: string | undefined | null): string | undefined {
  return parseTraceparent(traceparent)?.traceId;
}

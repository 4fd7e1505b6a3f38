import type { FastifyRequest } from 'fastify';

import { DomainError } from '@salesops/rpc';

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header of a creating POST, or null. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !KEY_FORMAT.test(raw)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Idempotency-Key must be 1–200 visible characters',
      undefined,
      [{ path: 'headers.idempotency-key', message: 'invalid' }],
    );
  }
  return raw;
}

/** The version named by `If-Match` (`3`, `"3"` or `W/"3"`), or null when absent. */
export function ifMatchVersionOf(request: FastifyRequest): number | null {
  const raw = request.headers['if-match'];
  if (raw === undefined) return null;
  const match = typeof raw === 'string' ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim()) : null;
  if (!match?.[1]) {
    throw new DomainError('VALIDATION_FAILED', 'If-Match must name a version', undefined, [
      { path: 'headers.if-match', message: 'expected a version number' },
    ]);
  }
  return Number(match[1]);
}

import { createHash } from 'node:crypto';

import { DomainError } from '@salesops/rpc';

import type { SqlRunner } from './sql-runner';
import { sqlOf, type Work } from './unit-of-work';

export interface IdempotentRequest {
  /** Who and what the key belongs to: the caller and the operation. */
  scope: string;
  /** Without a key the work simply runs. */
  key: string | null;
  request: unknown;
}

/**
 * Runs a creating command once per idempotency key. The key, the request's hash and the response
 * are stored in the caller's transaction, beside the write itself: a concurrent retry blocks on the
 * key's row until the first commits, then answers with the stored response.
 */
export async function runIdempotent<T>(
  unitOfWork: Work | SqlRunner,
  request: IdempotentRequest,
  work: () => Promise<T>,
): Promise<T> {
  if (request.key === null) return work();
  const tx = sqlOf(unitOfWork);
  const requestHash = hashOf(request.request);
  const claimed = await tx.$executeRawUnsafe(
    `INSERT INTO idempotency_record (scope, key, "requestHash", status, body)
     VALUES ($1, $2, $3, 0, 'null'::jsonb) ON CONFLICT DO NOTHING`,
    request.scope,
    request.key,
    requestHash,
  );
  if (claimed === 1) {
    const response = await work();
    await tx.$executeRawUnsafe(
      `UPDATE idempotency_record SET status = 1, body = $3::jsonb WHERE scope = $1 AND key = $2`,
      request.scope,
      request.key,
      JSON.stringify(response),
    );
    return response;
  }
  const rows = await tx.$queryRawUnsafe<{ requestHash: string; status: number; body: T }[]>(
    `SELECT "requestHash", status, body FROM idempotency_record WHERE scope = $1 AND key = $2`,
    request.scope,
    request.key,
  );
  const stored = rows[0];
  if (!stored || stored.status === 0) throw new DomainError('IDEMPOTENCY_KEY_IN_PROGRESS');
  if (stored.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
  return stored.body;
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with object keys sorted, so the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

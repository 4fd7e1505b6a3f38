import { createHash } from 'node:crypto';

import { DomainError } from '@salesops/rpc';

import type { FieldCipher } from './field-cipher';
import type { SqlRunner } from './sql-runner';
import { sqlOf, type Work } from './unit-of-work';

export interface IdempotentRequest {
  /** Who and what the key belongs to: the caller and the operation. */
  scope: string;
  /** Without a key the work simply runs. */
  key: string | null;
  request: unknown;
  /**
   * Seals the stored response, which may hold contact data (a created member's phone): the record
   * keeps no contact data in clear, and its request hash is keyed (the cipher's index key). `null`
   * only for a service whose replies hold no contact data (it has no contact keys).
   */
  cipher: FieldCipher | null;
}

/** A stored response: sealed, as a JSON string, bound to its record's scope and key. */
const sealedPlace = (scope: string, key: string) => ({
  table: 'idempotency_record',
  field: 'body',
  rowId: `${scope}\u0000${key}`,
});

/**
 * Runs a creating command once per idempotency key. The key, the request's hash and the response
 * are stored in the caller's transaction, beside the write itself: a concurrent retry blocks on the
 * key's row until the first commits, then answers with the stored response. Keys are kept for the
 * retention of idempotency keys (IDEMPOTENCY_KEY_TTL_HOURS), then pruned (libs/messaging retention).
 */
export async function runIdempotent<T>(
  unitOfWork: Work | SqlRunner,
  request: IdempotentRequest,
  work: () => Promise<T>,
): Promise<T> {
  if (request.key === null) return work();
  const tx = sqlOf(unitOfWork);
  const { scope, key, cipher } = request;
  const requestHash = cipher
    ? cipher.blindIndex(canonicalJson(request.request))
    : hashOf(request.request);
  const claimed = await tx.$executeRawUnsafe(
    `INSERT INTO idempotency_record (scope, key, "requestHash", status, body)
     VALUES ($1, $2, $3, 0, 'null'::jsonb) ON CONFLICT DO NOTHING`,
    scope,
    key,
    requestHash,
  );
  if (claimed === 1) {
    const response = await work();
    const json = JSON.stringify(response) ?? 'null';
    await tx.$executeRawUnsafe(
      cipher
        ? `UPDATE idempotency_record SET status = 1, body = to_jsonb($3::text) WHERE scope = $1 AND key = $2`
        : `UPDATE idempotency_record SET status = 1, body = $3::jsonb WHERE scope = $1 AND key = $2`,
      scope,
      key,
      cipher ? cipher.encrypt(json, sealedPlace(scope, key)) : json,
    );
    return response;
  }
  const rows = await tx.$queryRawUnsafe<{ requestHash: string; status: number; body: unknown }[]>(
    `SELECT "requestHash", status, body FROM idempotency_record WHERE scope = $1 AND key = $2`,
    scope,
    key,
  );
  const stored = rows[0];
  if (!stored || stored.status === 0) throw new DomainError('IDEMPOTENCY_KEY_IN_PROGRESS');
  // A record written before hashes were keyed still matches its retry.
  if (stored.requestHash !== requestHash && stored.requestHash !== hashOf(request.request)) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED');
  }
  return openStored<T>(stored.body, cipher, sealedPlace(scope, key));
}

/** A record written before replies were sealed is read as it is; it is pruned within a day. */
function openStored<T>(
  body: unknown,
  cipher: FieldCipher | null,
  place: ReturnType<typeof sealedPlace>,
): T {
  if (cipher && typeof body === 'string' && cipher.isSealed(body)) {
    return JSON.parse(cipher.decrypt(body, place)) as T;
  }
  return body as T;
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

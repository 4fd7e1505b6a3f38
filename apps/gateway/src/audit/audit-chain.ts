import { createHash } from 'node:crypto';

import { canonicalJson } from '@salesops/persistence';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** The hash of an entry, chained to the one before it. */
export function chainHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

export interface StoredAuditEntry extends AuditEntry {
  seq: bigint;
  prevHash: string;
  hash: string;
}

/** The first entry whose links do not hold, or null when the chain is whole. */
export function firstBrokenLink(
  entries: Iterable<StoredAuditEntry>,
  expectedPrev: string = GENESIS_HASH,
): { seq: bigint; reason: string } | null {
  let prev = expectedPrev;
  for (const entry of entries) {
    if (entry.prevHash !== prev)
      return { seq: entry.seq, reason: 'does not follow the entry before it' };
    const { seq: _seq, prevHash: _prevHash, hash, ...content } = entry;
    if (chainHash(prev, content) !== hash)
      return { seq: entry.seq, reason: 'its content was changed' };
    prev = hash;
  }
  return null;
}

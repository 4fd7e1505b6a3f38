import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

import { canonicalJson } from '@salesops/persistence';

export const GENESIS_HASH = '0'.repeat(64);
const MIN_KEY_BYTES = 32;

export interface AuditEntry {
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface StoredAuditEntry extends AuditEntry {
  seq: bigint;
  prevHash: string;
  hash: string;
}

export interface BrokenLink {
  seq: bigint;
  reason: string;
}

/**
 * How each entry is bound to the one before it. The trail is keyed: an HMAC-SHA256 under
 * AUDIT_CHAIN_KEY, which lives outside the database, so whoever can write the table cannot
 * recompute the chain after changing an entry. Unkeyed SHA-256 is only for the archive of
 * entries written before the key (audit_event_unkeyed).
 */
export class AuditChain {
  static readonly unkeyed = new AuditChain(null);

  private constructor(private readonly key: KeyObject | null) {}

  static keyed(key: Buffer): AuditChain {
    if (key.length < MIN_KEY_BYTES) {
      throw new Error(`the audit chain key must have at least ${MIN_KEY_BYTES} bytes`);
    }
    return new AuditChain(createSecretKey(key));
  }

  /** The hash of an entry, chained to the one before it. */
  hash(prevHash: string, entry: AuditEntry): string {
    const mac = this.key ? createHmac('sha256', this.key) : createHash('sha256');
    return mac.update(prevHash).update(canonicalJson(entry)).digest('hex');
  }

  /** The first entry whose links do not hold, or null when the chain is whole. */
  firstBrokenLink(
    entries: Iterable<StoredAuditEntry>,
    expectedPrev: string = GENESIS_HASH,
  ): BrokenLink | null {
    let prev = expectedPrev;
    for (const entry of entries) {
      if (entry.prevHash !== prev)
        return { seq: entry.seq, reason: 'does not follow the entry before it' };
      const { seq: _seq, prevHash: _prevHash, hash, ...content } = entry;
      if (this.hash(prev, content) !== hash)
        return { seq: entry.seq, reason: 'its content was changed' };
      prev = hash;
    }
    return null;
  }
}

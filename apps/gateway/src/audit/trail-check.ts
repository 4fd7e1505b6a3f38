import type { AuditChain, BrokenLink, StoredAuditEntry } from './audit-chain';

/** The trail's last entry as the gateway logged it after an append: an anchor outside the database. */
export interface LoggedHead {
  seq: bigint;
  hash: string;
}

const HEAD = /^(\d+):([0-9a-f]{64})$/;

/** `<seq>:<hash>`, as given to verify-audit with `--head`. */
export function parseLoggedHead(text: string): LoggedHead {
  const match = HEAD.exec(text.trim());
  if (!match) throw new Error(`a logged head reads seq:hash (64 hex digits), not "${text}"`);
  return { seq: BigInt(match[1] as string), hash: match[2] as string };
}

/** Every head in the JSON lines of a gateway log (`"auditHead":{"seq","hash"}`). */
export function loggedHeadsIn(log: string): LoggedHead[] {
  const heads: LoggedHead[] = [];
  for (const line of log.split('\n')) {
    if (!line.includes('"auditHead"')) continue;
    try {
      const { auditHead } = JSON.parse(line) as { auditHead?: { seq?: unknown; hash?: unknown } };
      if (typeof auditHead?.seq === 'string' && typeof auditHead.hash === 'string') {
        heads.push(parseLoggedHead(`${auditHead.seq}:${auditHead.hash}`));
      }
    } catch {
      // not a log line of ours
    }
  }
  return heads;
}

/**
 * Walks the trail in order, batch by batch: each entry must follow the one before it under the
 * chain, and each head the log recorded must be on the trail with the hash it had. A logged head
 * past the trail's end means entries were deleted from its end.
 */
export class TrailCheck {
  checked = 0;
  private prev: string;
  private last: bigint | null = null;
  private readonly heads: Map<bigint, string>;

  constructor(
    private readonly chain: AuditChain,
    expectedPrev: string,
    heads: readonly LoggedHead[],
  ) {
    this.prev = expectedPrev;
    this.heads = new Map(heads.map((head) => [head.seq, head.hash]));
  }

  add(batch: readonly StoredAuditEntry[]): BrokenLink | null {
    const broken = this.chain.firstBrokenLink(batch, this.prev);
    if (broken) return broken;
    for (const entry of batch) {
      const logged = this.heads.get(entry.seq);
      if (logged !== undefined && logged !== entry.hash) {
        return { seq: entry.seq, reason: 'differs from the head the log recorded' };
      }
      this.heads.delete(entry.seq);
      this.prev = entry.hash;
      this.last = entry.seq;
    }
    this.checked += batch.length;
    return null;
  }

  finish(): BrokenLink | null {
    const missing = [...this.heads.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0];
    if (missing === undefined) return null;
    const end =
      this.last === null ? 'the trail has no entries' : `the trail ends at entry ${this.last}`;
    return { seq: missing, reason: `is missing: the log recorded it as the head, ${end}` };
  }
}

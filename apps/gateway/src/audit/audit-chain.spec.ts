import { type AuditEntry, AuditChain, GENESIS_HASH, type StoredAuditEntry } from './audit-chain';

const KEY = Buffer.alloc(32, 7);
const sut = AuditChain.keyed(KEY);

function chain(entries: AuditEntry[]): StoredAuditEntry[] {
  let prev = GENESIS_HASH;
  return entries.map((entry, index) => {
    const hash = sut.hash(prev, entry);
    const stored = { ...entry, seq: BigInt(index + 1), prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

/** What someone with write access to the table but without the key can do. */
function rechainFrom(entries: StoredAuditEntry[], index: number): void {
  let prev = index === 0 ? GENESIS_HASH : (entries[index - 1] as StoredAuditEntry).hash;
  for (const stored of entries.slice(index)) {
    const { seq: _seq, prevHash: _prevHash, hash: _hash, ...content } = stored;
    stored.prevHash = prev;
    stored.hash = AuditChain.unkeyed.hash(prev, content);
    prev = stored.hash;
  }
}

const entry = (action: string): AuditEntry => ({
  at: '2026-11-25T10:00:00.000Z',
  actor: 'u-1',
  action,
  subject: 'm-1',
  requestId: 'r-1',
  details: { fields: ['phone'] },
});

const three = () => chain([entry('login'), entry('member.update'), entry('logout')]);

describe('the keyed audit chain', () => {
  it('holds for untouched entries', () => {
    expect(sut.firstBrokenLink(three())).toBeNull();
  });

  it('reports the first entry whose content was changed', () => {
    const entries = three();
    (entries[1] as StoredAuditEntry).actor = 'someone-else';
    expect(sut.firstBrokenLink(entries)).toEqual({ seq: 2n, reason: 'its content was changed' });
  });

  it('reports a removed entry at the one after the gap', () => {
    const entries = three();
    entries.splice(1, 1);
    expect(sut.firstBrokenLink(entries)).toEqual({
      seq: 3n,
      reason: 'does not follow the entry before it',
    });
  });

  it('reports a rewrite whose plain SHA-256 chain was recomputed without the key', () => {
    const entries = three();
    (entries[1] as StoredAuditEntry).actor = 'someone-else';
    rechainFrom(entries, 1);
    const untouched = entries[0] as StoredAuditEntry;
    expect(AuditChain.unkeyed.firstBrokenLink(entries.slice(1), untouched.hash)).toBeNull();
    expect(sut.firstBrokenLink(entries)).toEqual({ seq: 2n, reason: 'its content was changed' });
  });

  it('reports a whole trail rewritten without the key from its first entry', () => {
    const entries = three();
    (entries[0] as StoredAuditEntry).action = 'nothing';
    rechainFrom(entries, 0);
    expect(sut.firstBrokenLink(entries)).toEqual({ seq: 1n, reason: 'its content was changed' });
  });

  it('does not verify under another key', () => {
    expect(AuditChain.keyed(Buffer.alloc(32, 8)).firstBrokenLink(three())).toEqual({
      seq: 1n,
      reason: 'its content was changed',
    });
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => AuditChain.keyed(Buffer.alloc(16, 1))).toThrow(/32 bytes/);
  });
});

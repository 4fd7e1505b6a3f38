import {
  type AuditEntry,
  chainHash,
  firstBrokenLink,
  GENESIS_HASH,
  type StoredAuditEntry,
} from './audit-chain';

function chain(entries: AuditEntry[]): StoredAuditEntry[] {
  let prev = GENESIS_HASH;
  return entries.map((entry, index) => {
    const hash = chainHash(prev, entry);
    const stored = { ...entry, seq: BigInt(index + 1), prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

const entry = (action: string): AuditEntry => ({
  at: '2026-11-25T10:00:00.000Z',
  actor: 'u-1',
  action,
  subject: 'm-1',
  requestId: 'r-1',
  details: { fields: ['phone'] },
});

describe('the audit hash chain', () => {
  it('holds for untouched entries', () => {
    expect(
      firstBrokenLink(chain([entry('login'), entry('member.update'), entry('logout')])),
    ).toBeNull();
  });

  it('reports the first entry whose content was changed', () => {
    const entries = chain([entry('login'), entry('member.update'), entry('logout')]);
    (entries[1] as StoredAuditEntry).actor = 'someone-else';
    expect(firstBrokenLink(entries)).toEqual({ seq: 2n, reason: 'its content was changed' });
  });

  it('reports a removed entry at the one after the gap', () => {
    const entries = chain([entry('login'), entry('member.update'), entry('logout')]);
    entries.splice(1, 1);
    expect(firstBrokenLink(entries)).toEqual({
      seq: 3n,
      reason: 'does not follow the entry before it',
    });
  });
});

import { type AuditEntry, AuditChain, GENESIS_HASH, type StoredAuditEntry } from './audit-chain';
import { loggedHeadsIn, parseLoggedHead, TrailCheck } from './trail-check';

const chain = AuditChain.keyed(Buffer.alloc(32, 7));

function trail(count: number): StoredAuditEntry[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: count }, (_, index) => {
    const entry: AuditEntry = {
      at: '2026-11-25T10:00:00.000Z',
      actor: 'u-1',
      action: `action-${index}`,
      subject: null,
      requestId: null,
      details: {},
    };
    const hash = chain.hash(prev, entry);
    const stored = { ...entry, seq: BigInt(index + 1), prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

const headOf = (entry: StoredAuditEntry | undefined) => {
  if (!entry) throw new Error('no such entry');
  return { seq: entry.seq, hash: entry.hash };
};

function check(entries: StoredAuditEntry[], heads = [headOf(entries.at(-1))], batch = 2) {
  const sut = new TrailCheck(chain, GENESIS_HASH, heads);
  for (let start = 0; start < entries.length; start += batch) {
    const broken = sut.add(entries.slice(start, start + batch));
    if (broken) return broken;
  }
  return sut.finish();
}

describe('checking the trail against the heads the gateway logged', () => {
  it('holds when every logged head is on the chain, across batches', () => {
    const entries = trail(5);
    expect(check(entries, [headOf(entries[1]), headOf(entries[4])])).toBeNull();
  });

  it('reports a deleted tail: the chain ends before the logged head', () => {
    const entries = trail(5);
    const head = headOf(entries[4]);
    expect(check(entries.slice(0, 3), [head])).toEqual({
      seq: 5n,
      reason: 'is missing: the log recorded it as the head, the trail ends at entry 3',
    });
  });

  it('reports a trail emptied after a head was logged', () => {
    const head = headOf(trail(1)[0]);
    expect(check([], [head])).toEqual({
      seq: 1n,
      reason: 'is missing: the log recorded it as the head, the trail has no entries',
    });
  });

  it('reports an entry that differs from the head the log recorded', () => {
    const entries = trail(3);
    const forged = trail(3);
    (forged[2] as StoredAuditEntry).hash = 'f'.repeat(64);
    expect(check(entries, [headOf(forged[2])])).toEqual({
      seq: 3n,
      reason: 'differs from the head the log recorded',
    });
  });

  it('reports a broken link before it compares heads', () => {
    const entries = trail(3);
    (entries[1] as StoredAuditEntry).actor = 'someone-else';
    expect(check(entries)).toEqual({ seq: 2n, reason: 'its content was changed' });
  });

  it('counts what it checked', () => {
    const sut = new TrailCheck(chain, GENESIS_HASH, []);
    sut.add(trail(4));
    expect(sut.finish()).toBeNull();
    expect(sut.checked).toBe(4);
  });
});

describe('logged heads', () => {
  it('are read from the JSON lines of a gateway log, other lines ignored', () => {
    const log = [
      '{"level":30,"msg":"request","route":"GET /x"}',
      'not json',
      `{"level":30,"auditHead":{"seq":"7","hash":"${'a'.repeat(64)}"},"msg":"audit appended"}`,
      `{"level":30,"auditHead":{"seq":"9","hash":"${'b'.repeat(64)}"},"msg":"audit appended"}`,
    ].join('\n');
    expect(loggedHeadsIn(log)).toEqual([
      { seq: 7n, hash: 'a'.repeat(64) },
      { seq: 9n, hash: 'b'.repeat(64) },
    ]);
  });

  it('are given as seq:hash', () => {
    expect(parseLoggedHead(`12:${'c'.repeat(64)}`)).toEqual({ seq: 12n, hash: 'c'.repeat(64) });
    expect(() => parseLoggedHead('12')).toThrow(/seq:hash/);
  });
});

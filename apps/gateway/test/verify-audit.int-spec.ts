import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';

import { TEST_AUDIT_CHAIN_KEY, testDatabaseBaseUrl } from '@salesops/testing';

import { AuditChain, GENESIS_HASH, type StoredAuditEntry } from '../src/audit/audit-chain';

const VERIFY = join(__dirname, '..', 'dist', 'audit', 'verify-audit.js');
const keyed = AuditChain.keyed(Buffer.from(TEST_AUDIT_CHAIN_KEY, 'base64'));

/** verify-audit as an operator runs it, on a trail of the test's own (a schema it drops after). */
describe('verify-audit', () => {
  const schema = `audit_verify_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let db: Pool;

  beforeAll(async () => {
    db = new Pool({ connectionString: testDatabaseBaseUrl(), max: 2 });
    await db.query(`CREATE SCHEMA ${schema}`);
    for (const table of ['audit_event', 'audit_event_unkeyed']) {
      await db.query(
        `CREATE TABLE ${schema}.${table} (LIKE gateway.audit_event INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
      );
    }
  });

  afterAll(async () => {
    await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await db.end();
  });

  beforeEach(async () => {
    await db.query(`TRUNCATE ${schema}.audit_event, ${schema}.audit_event_unkeyed`);
  });

  const chained = (chain: AuditChain, count: number, from = 1, prev = GENESIS_HASH) => {
    let prevHash = prev;
    return Array.from({ length: count }, (_, index): StoredAuditEntry => {
      const entry = {
        at: new Date(Date.UTC(2026, 10, 25, 10, 0, index)).toISOString(),
        actor: 'u-1',
        action: 'contact.read',
        subject: `m-${index}`,
        requestId: `r-${index}`,
        details: { resource: 'member', fields: ['phone'] },
      };
      const hash = chain.hash(prevHash, entry);
      const stored = { ...entry, seq: BigInt(from + index), prevHash, hash };
      prevHash = hash;
      return stored;
    });
  };

  const store = async (table: string, entries: StoredAuditEntry[]) => {
    for (const e of entries) {
      await db.query(
        `INSERT INTO ${schema}.${table} (seq, at, actor, action, subject, "requestId", details, "prevHash", hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [e.seq, e.at, e.actor, e.action, e.subject, e.requestId, e.details, e.prevHash, e.hash],
      );
    }
  };

  /** What someone who can write the table, but has no key, does: SHA-256 again from `index` on. */
  const rechainedWithoutKey = (entries: StoredAuditEntry[], index: number) => {
    let prev = index === 0 ? GENESIS_HASH : (entries[index - 1] as StoredAuditEntry).hash;
    for (const entry of entries.slice(index)) {
      const { seq: _seq, prevHash: _prevHash, hash: _hash, ...content } = entry;
      entry.prevHash = prev;
      entry.hash = AuditChain.unkeyed.hash(prev, content);
      prev = entry.hash;
    }
    return entries;
  };

  const rewrite = async (table: string, entries: StoredAuditEntry[]) => {
    for (const e of entries) {
      await db.query(
        `UPDATE ${schema}.${table} SET actor = $2, "prevHash" = $3, hash = $4 WHERE seq = $1`,
        [e.seq, e.actor, e.prevHash, e.hash],
      );
    }
  };

  const verify = (...args: string[]) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [VERIFY, ...args],
        {
          env: {
            PATH: process.env['PATH'] ?? '',
            GATEWAY_DATABASE_URL: `${testDatabaseBaseUrl()}?schema=${schema}`,
            AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout: `${stdout}${stderr}` }),
      );
    });

  const headArg = (entry: StoredAuditEntry | undefined) => `--head=${entry?.seq}:${entry?.hash}`;

  it('finds an untouched keyed trail intact up to the logged head', async () => {
    const entries = chained(keyed, 3);
    await store('audit_event', entries);
    expect(await verify(headArg(entries[2]))).toEqual({
      code: 0,
      stdout: 'audit trail intact: 3 entries; every head the log recorded (1) is on it\n',
    });
  });

  it('reports an entry rewritten with the plain SHA-256 chain recomputed after it', async () => {
    const entries = chained(keyed, 3);
    await store('audit_event', entries);
    const forged = entries.map((entry, index) =>
      index === 1 ? { ...entry, actor: 'someone-else' } : { ...entry },
    );
    await rewrite('audit_event', rechainedWithoutKey(forged, 1));

    expect(await verify(headArg(entries[2]))).toEqual({
      code: 1,
      stdout: 'audit trail broken at entry 2: its content was changed\n',
    });
  });

  it('reports a deleted tail against the heads in the gateway log', async () => {
    const entries = chained(keyed, 3);
    await store('audit_event', entries);
    await db.query(`DELETE FROM ${schema}.audit_event WHERE seq = 3`);
    const log = join(tmpdir(), `gateway-${randomUUID()}.log`);
    writeFileSync(
      log,
      entries
        .map((entry) =>
          JSON.stringify({
            level: 'info',
            auditHead: { seq: entry.seq.toString(), hash: entry.hash },
            msg: 'audit appended',
          }),
        )
        .join('\n'),
    );

    expect(await verify(`--log=${log}`)).toEqual({
      code: 1,
      stdout:
        'audit trail broken at entry 3: is missing: the log recorded it as the head, the trail ends at entry 2\n',
    });
  });

  it('walks the entries from before the key, and the keyed trail chains to their end', async () => {
    const archived = chained(AuditChain.unkeyed, 2);
    const entries = chained(keyed, 2, 3, archived[1]?.hash);
    await store('audit_event_unkeyed', archived);
    await store('audit_event', entries);
    expect((await verify(headArg(entries[1]))).stdout).toBe(
      'audit trail intact: 4 entries, 2 of them from before the key; every head the log recorded (1) is on it\n',
    );

    const forged = archived.map((entry) => ({ ...entry, actor: 'someone-else' }));
    await rewrite('audit_event_unkeyed', rechainedWithoutKey(forged, 0));
    expect(await verify(headArg(entries[1]))).toEqual({
      code: 1,
      stdout: 'audit trail broken at entry 3: does not follow the entry before it\n',
    });
  });

  it('needs the key', async () => {
    const result = await new Promise<number>((resolve) =>
      execFile(
        process.execPath,
        [VERIFY],
        {
          env: {
            PATH: process.env['PATH'] ?? '',
            GATEWAY_DATABASE_URL: `${testDatabaseBaseUrl()}?schema=${schema}`,
          },
        },
        (error) => resolve(error ? Number(error.code) : 0),
      ),
    );
    expect(result).toBe(2);
  });
});

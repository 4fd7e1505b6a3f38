import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Pool } from 'pg';

import { TEST_AUDIT_CHAIN_KEY, testDatabaseUrl, waitFor } from '@salesops/testing';

import { Stack } from './support/stack';
import { testDb } from './support/test-db';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const run = promisify(execFile);

interface AuditItem {
  action: string;
  actor: string | null;
  subject: string | null;
  requestId: string | null;
}

describe('audit trail', () => {
  let stack: Stack;
  let db: Pool;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl);
    db = testDb();
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.end();
  });

  const auditOf = async (token: string, query: string) =>
    (
      await stack
        .http()
        .get(`/api/v1/audit-events?${query}`)
        .set({ authorization: `Bearer ${token}` })
        .expect(200)
    ).body as { items: AuditItem[] };

  it('records logins, failed logins and changes, readable by subject and actor', async () => {
    const { username, password } = await stack.user(['director']);
    await stack.http().post('/api/v1/auth/login').send({ username, password: 'wrong' }).expect(401);
    const token = await stack.login(username, password);
    const me = (
      await stack
        .http()
        .get('/api/v1/auth/me')
        .set({ authorization: `Bearer ${token}` })
    ).body as {
      userId: string;
    };
    const created = await stack
      .http()
      .post('/api/v1/teams')
      .set({ authorization: `Bearer ${token}`, 'x-request-id': 'audit-me-1' })
      .send({ name: `Audited ${randomUUID()}`, kind: 'other' })
      .expect(201);
    const teamId = (created.body as { id: string }).id;

    const bySubject = await waitFor(async () => {
      const page = await auditOf(token, `subject=${teamId}`);
      return page.items.length > 0 ? page.items : undefined;
    });
    expect(bySubject[0]).toMatchObject({
      action: 'POST /api/v1/teams',
      actor: me.userId,
      subject: teamId,
      requestId: 'audit-me-1',
    });
    const byActor = (await auditOf(token, `actor=${me.userId}`)).items.map((item) => item.action);
    expect(byActor).toEqual(expect.arrayContaining(['auth.login', 'POST /api/v1/teams']));
    const failed = (await auditOf(token, `subject=${me.userId}`)).items.map((item) => item.action);
    expect(failed).toContain('auth.login.failed');
  });

  it('refuses to change or remove an entry', async () => {
    await expect(db.query(`UPDATE gateway.audit_event SET actor = 'someone-else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query(`DELETE FROM gateway.audit_event`)).rejects.toThrow(/append-only/);
  });

  it('logs the head of every append, and verify-audit finds the trail whole up to it', async () => {
    const { username, password } = await stack.user(['director']);
    await stack.login(username, password);
    const login = await waitFor(async () => {
      const { rows } = await db.query<{ seq: string }>(
        `SELECT e.seq::text FROM gateway.audit_event e JOIN gateway."user" u ON u.id::text = e.actor
         WHERE u.username = $1 AND e.action = 'auth.login'`,
        [username],
      );
      return rows[0];
    });
    const head = await waitFor(() =>
      loggedHeads(stack.gateway.output.join('')).find(
        (logged) => BigInt(logged.seq) >= BigInt(login.seq),
      ),
    );
    const { rows } = await db.query<{ hash: string }>(
      `SELECT hash FROM gateway.audit_event WHERE seq = $1`,
      [head.seq],
    );
    expect(rows).toEqual([{ hash: head.hash }]);

    const log = join(tmpdir(), `gateway-${randomUUID()}.log`);
    writeFileSync(log, stack.gateway.output.join(''));
    const { stdout } = await run(
      process.execPath,
      [join(__dirname, '../../apps/gateway/dist/audit/verify-audit.js'), '--log', log],
      {
        env: {
          ...process.env,
          GATEWAY_DATABASE_URL: testDatabaseUrl('gateway'),
          AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
        },
      },
    );
    expect(stdout).toMatch(
      /^audit trail intact: \d+ entries.*; every head the log recorded \(\d+\) is on it/,
    );
  });
});

/** The heads the gateway wrote to its log (JSON lines with `auditHead`). */
function loggedHeads(output: string): { seq: string; hash: string }[] {
  return output.split('\n').flatMap((line) => {
    if (!line.includes('"auditHead"')) return [];
    const { auditHead } = JSON.parse(line) as { auditHead: { seq: string; hash: string } };
    return [auditHead];
  });
}

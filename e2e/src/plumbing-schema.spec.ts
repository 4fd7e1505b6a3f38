import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SERVICES = ['gateway', 'members', 'customers', 'orders', 'training', 'performance'];
const PLUMBING = 'libs/persistence/prisma/plumbing.prisma';

/** `npm run db:check` on a copy of the repository's schemas and migrations. */
function dbCheckOn(copy: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'tools/prisma/check-drift.mjs')], {
    env: { ...process.env, SALESOPS_SCHEMA_ROOT: copy },
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('one source for the plumbing tables (db:check)', () => {
  let copy: string;

  beforeEach(() => {
    copy = mkdtempSync(join(tmpdir(), 'salesops-schemas-'));
    for (const service of SERVICES) {
      const prisma = `apps/${service}/prisma`;
      cpSync(join(ROOT, prisma), join(copy, prisma), { recursive: true });
    }
    cpSync(join(ROOT, PLUMBING), join(copy, PLUMBING));
  });

  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  it('passes on the schemas as they are', () => {
    const check = dbCheckOn(copy);
    expect(check.output).toContain('in sync');
    expect(check.status).toBe(0);
  }, 180_000);

  it('fails when a service copies a plumbing model into its own schema', () => {
    const outbox = /model OutboxEvent \{[^}]*\}/.exec(readFileSync(join(ROOT, PLUMBING), 'utf8'));
    appendFileSync(join(copy, 'apps/orders/prisma/schema.prisma'), `\n${outbox?.[0]}\n`);
    const check = dbCheckOn(copy);
    expect(check.status).toBe(1);
    expect(check.output).toMatch(/orders: .*copies OutboxEvent, outbox_event/);
  }, 180_000);

  it('fails when the shared plumbing changes without a migration of every service', () => {
    const file = join(copy, PLUMBING);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '  status      Int\n',
        '  status      Int\n  note String?\n',
      ),
    );
    const check = dbCheckOn(copy);
    expect(check.status).toBe(1);
    for (const service of SERVICES) {
      expect(check.output).toContain(`${service}: schema.prisma (with ${PLUMBING}) differs`);
    }
  }, 180_000);
});

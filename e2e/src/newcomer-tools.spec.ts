import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

import { FieldCipher } from '@salesops/persistence';
import { freePort, testDatabaseBaseUrl } from '@salesops/testing';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/** Runs a tool as a newcomer would, with only the environment given. */
const tool = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, args, { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

/** npm start's checks and npm run db:reset on a scratch database of their own. */
describe("a newcomer's tools", () => {
  const scratchName = `salesops_scratch_${randomUUID().replaceAll('-', '')}`;
  const scratchUrl = Object.assign(new URL(testDatabaseBaseUrl()), {
    pathname: `/${scratchName}`,
  }).toString();
  const server = () =>
    new Client({
      connectionString: Object.assign(new URL(testDatabaseBaseUrl()), {
        pathname: '/postgres',
      }).toString(),
    });
  const onScratch = async (statement: string, values: unknown[] = []) => {
    const client = new Client({ connectionString: scratchUrl });
    await client.connect();
    try {
      return (await client.query(statement, values)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const admin = server();
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratchName}`);
    await admin.end();
  });

  afterAll(async () => {
    const admin = server();
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`);
    await admin.end();
  });

  it('db:reset drops and recreates the development database without asking in CI', async () => {
    await onScratch('CREATE TABLE leftover (id int)');

    const reset = await tool(['tools/dev/db-reset.mjs'], {
      CI: '1',
      MIGRATE_DATABASE_URL: scratchUrl,
    });

    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain(`database "${scratchName}" is empty again`);
    expect(await onScratch(`SELECT to_regclass('leftover') AS found`)).toEqual([{ found: null }]);
  });

  it('db:reset refuses NODE_ENV=production and changes nothing', async () => {
    await onScratch('CREATE TABLE kept (id int)');

    const refused = await tool(['tools/dev/db-reset.mjs', '--yes'], {
      NODE_ENV: 'production',
      MIGRATE_DATABASE_URL: scratchUrl,
    });

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refuses NODE_ENV=production');
    expect(await onScratch(`SELECT to_regclass('kept')::text AS found`)).toEqual([
      { found: 'kept' },
    ]);
  });

  it('tells when the database holds contact data sealed under other development keys', async () => {
    const ours = `dev1:${randomBytes(32).toString('base64')}`;
    const theirs = `dev1:${randomBytes(32).toString('base64')}`;
    const id = randomUUID();
    const sealed = new FieldCipher(FieldCipher.parseKeys(theirs), 'dev1').encrypt('13700001111', {
      table: 'member',
      field: 'phone',
      rowId: id,
    });
    await onScratch('CREATE SCHEMA IF NOT EXISTS members');
    await onScratch('CREATE TABLE members.member (id uuid PRIMARY KEY, phone text)');
    await onScratch('INSERT INTO members.member (id, phone) VALUES ($1, $2)', [id, sealed]);
    const check = (keys: string) =>
      tool(
        [
          '--input-type=module',
          '-e',
          `import { sealedUnderOtherKeys } from './tools/dev/development-keys-check.mjs';
           console.log(JSON.stringify(await sealedUnderOtherKeys(process.env.URL, process.env)));`,
        ],
        { URL: scratchUrl, CONTACT_KEYS: keys, CONTACT_ACTIVE_KEY: 'dev1' },
      );

    expect(JSON.parse((await check(ours)).stdout)).toEqual(['contact data']);
    expect(JSON.parse((await check(theirs)).stdout)).toEqual([]);
  });

  it('npm start names the configured address and port of what it cannot reach', async () => {
    const [pgPort, natsPort] = [await freePort(), await freePort()];

    const started = await tool(['tools/start.mjs'], {
      NODE_ENV: 'production',
      MEMBERS_DATABASE_URL: `postgresql://salesops_members@127.0.0.1:${pgPort}/salesops?schema=members`,
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
    });

    expect(started.code).toBe(1);
    expect(started.stderr).toContain(`PostgreSQL is not reachable at 127.0.0.1:${pgPort}`);
    expect(started.stderr).toContain(`(listening on port ${pgPort})`);
    expect(started.stderr).toContain(
      `NATS is not reachable at 127.0.0.1:${natsPort}: start it with: nats-server -a 127.0.0.1 -p ${natsPort}`,
    );
  });
});

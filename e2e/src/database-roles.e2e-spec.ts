import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, type Pool } from 'pg';

import {
  databaseRoleOf,
  type ServiceName,
  testDatabaseBaseUrl,
  testDatabaseUrl,
  waitFor,
} from '@salesops/testing';

import { NATS_SERVICES, Stack } from './support/stack';
import { testDb } from './support/test-db';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const SERVICES: ServiceName[] = ['gateway', ...NATS_SERVICES];
const ROOT = join(__dirname, '..', '..');

/** A connection as a service's role, as the service makes it (`?schema=` is Prisma's, not pg's). */
async function connectAs(service: ServiceName): Promise<Client> {
  const url = new URL(testDatabaseUrl(service));
  url.searchParams.delete('schema');
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

async function asRole<T>(service: ServiceName, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await connectAs(service);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('database roles', () => {
  let db: Pool;

  beforeAll(() => {
    db = testDb();
  });

  afterAll(async () => {
    await db?.end();
  });

  it.each(SERVICES)('the %s role reads its own schema and no other', async (service) => {
    await asRole(service, async (client) => {
      const own = await client.query(`SELECT count(*) FROM ${service}._prisma_migrations`);
      expect(own.rowCount).toBe(1);
      for (const other of SERVICES.filter((name) => name !== service)) {
        await expect(
          client.query(`SELECT count(*) FROM ${other}._prisma_migrations`),
        ).rejects.toThrow(`permission denied for schema ${other}`);
      }
    });
  });

  it('no service but the gateway reads the users', async () => {
    for (const service of NATS_SERVICES) {
      await asRole(service, (client) =>
        expect(client.query(`SELECT * FROM gateway."user"`)).rejects.toThrow(
          'permission denied for schema gateway',
        ),
      );
    }
  });

  it('the gateway role may append to and read the audit trail, never change or empty it', async () => {
    await asRole('gateway', async (client) => {
      await client.query(`SELECT count(*) FROM gateway.audit_event`);
      const { rows } = await client.query<{ insert: boolean }>(
        `SELECT has_table_privilege('gateway.audit_event', 'INSERT') AS insert`,
      );
      expect(rows[0]?.insert).toBe(true);
      for (const statement of [
        `UPDATE gateway.audit_event SET actor = actor WHERE false`,
        `DELETE FROM gateway.audit_event WHERE false`,
        `TRUNCATE gateway.audit_event`,
        `INSERT INTO gateway.audit_event_unkeyed SELECT * FROM gateway.audit_event WHERE false`,
      ]) {
        await expect(client.query(statement)).rejects.toThrow(/permission denied for table/);
      }
    });
  });

  it('a service role cannot change the schema or the migration history', async () => {
    await asRole('members', async (client) => {
      await expect(client.query(`CREATE TABLE members.intruder (id int)`)).rejects.toThrow(
        'permission denied for schema members',
      );
      await expect(client.query(`DELETE FROM members._prisma_migrations`)).rejects.toThrow(
        'permission denied for table _prisma_migrations',
      );
      await expect(client.query(`TRUNCATE members.outbox_event`)).rejects.toThrow(
        /permission denied for table/,
      );
    });
  });

  it('migrations run as the owner role, which owns every table', async () => {
    const { rows } = await db.query<{ schemaname: string; tablename: string; tableowner: string }>(
      `SELECT schemaname, tablename, tableowner FROM pg_tables
       WHERE schemaname = ANY($1) AND tableowner <> 'salesops_owner'`,
      [SERVICES],
    );
    expect(rows).toEqual([]);
  });

  it('a table a later migration creates is granted to its service only', async () => {
    const table = `later_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const owner = new Client({ connectionString: testDatabaseBaseUrl() });
    await owner.connect();
    try {
      await owner.query(`SET ROLE salesops_owner`);
      await owner.query(`CREATE TABLE members.${table} (id int)`);
      await asRole('members', async (client) => {
        await client.query(`INSERT INTO members.${table} VALUES (1)`);
        expect((await client.query(`SELECT id FROM members.${table}`)).rows).toEqual([{ id: 1 }]);
      });
      await asRole('customers', (client) =>
        expect(client.query(`SELECT id FROM members.${table}`)).rejects.toThrow(
          'permission denied for schema members',
        ),
      );
    } finally {
      await owner.query(`DROP TABLE IF EXISTS members.${table}`);
      await owner.end();
    }
  });

  it('the processes of the stack connect as their own roles', async () => {
    const stack = await Stack.start(natsUrl);
    try {
      const { username, password } = await stack.user(['director']);
      await stack.login(username, password);
      const connected = await waitFor(async () => {
        const { rows } = await db.query<{ usename: string }>(
          `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database()`,
        );
        const roles = rows.map((row) => row.usename);
        return SERVICES.every((service) => roles.includes(databaseRoleOf(service)))
          ? roles
          : undefined;
      });
      expect(connected).toEqual(expect.arrayContaining(SERVICES.map(databaseRoleOf)));
    } finally {
      await stack.stop();
    }
  });

  it('roles are created once however many runs provision them at the same time', async () => {
    const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const databases = [`${prefix}_a`, `${prefix}_b`];
    const provision = (database: string) =>
      new Promise<string>((resolve, reject) => {
        const url = new URL(testDatabaseBaseUrl());
        url.pathname = `/${database}`;
        execFile(
          process.execPath,
          [
            join(ROOT, 'tools', 'prisma', 'migrate.mjs'),
            '--provision',
            '--service',
            'training',
            '--role-prefix',
            prefix,
            '--url',
            url.toString(),
          ],
          { env: { PATH: process.env['PATH'] ?? '' } },
          (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)),
        );
      });
    const admin = new Client({ connectionString: testDatabaseBaseUrl() });
    await admin.connect();
    try {
      const outputs = await Promise.all([
        provision(databases[0] as string),
        provision(databases[0] as string),
        provision(databases[1] as string),
      ]);
      for (const output of outputs) expect(output).toContain(`roles: ${prefix}_owner`);
      const { rows } = await admin.query<{ rolname: string }>(
        `SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY rolname`,
        [`${prefix}\\_%`],
      );
      expect(rows.map((row) => row.rolname)).toEqual(
        ['customers', 'gateway', 'members', 'orders', 'owner', 'performance', 'training'].map(
          (name) => `${prefix}_${name}`,
        ),
      );
    } finally {
      for (const database of databases) {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
      const { rows } = await admin.query<{ rolname: string }>(
        `SELECT rolname FROM pg_roles WHERE rolname LIKE $1`,
        [`${prefix}\\_%`],
      );
      for (const { rolname } of rows) await admin.query(`DROP ROLE ${rolname}`);
      await admin.end();
    }
  });
});

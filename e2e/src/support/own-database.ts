import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { TestPostgres } from '@salesops/testing';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');

/**
 * A PostgreSQL cluster of the test's own, migrated with every service's schema and role, that the
 * suite's helpers (`Stack`, `testDb`) use until `restore()`: a test may stop it.
 */
export class OwnDatabase {
  private constructor(
    readonly server: TestPostgres,
    private readonly suiteUrl: string | undefined,
  ) {}

  static async start(): Promise<OwnDatabase> {
    const server = await TestPostgres.start();
    const url = server.url('salesops');
    await run(
      process.execPath,
      [join(ROOT, 'tools', 'prisma', 'migrate.mjs'), '--provision', '--test'],
      {
        cwd: ROOT,
        env: { ...process.env, TEST_DATABASE_URL: url },
      },
    );
    const own = new OwnDatabase(server, process.env.TEST_DATABASE_URL);
    process.env.TEST_DATABASE_URL = url;
    return own;
  }

  async stop(): Promise<void> {
    if (this.suiteUrl === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = this.suiteUrl;
    await this.server.stop();
  }
}

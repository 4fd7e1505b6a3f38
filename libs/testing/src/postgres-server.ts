import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort } from './free-port';

const run = promisify(execFile);

/** The newest PostgreSQL installed (Debian keeps each major version under /usr/lib/postgresql). */
function postgresBin(name: string): string {
  const root = process.env['PG_BIN_DIR'];
  if (root) return join(root, name);
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  return join('/usr/lib/postgresql', versions[0] ?? '15', 'bin', name);
}

/**
 * A PostgreSQL cluster of the test's own on a spare port (trust auth, superuser `postgres`), that a
 * test may stop and start again without touching the machine's server.
 */
export class TestPostgres {
  private constructor(
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<TestPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'salesops-pg-'));
    const server = new TestPostgres(await freePort(), join(dir, 'data'));
    // initdb refuses to run as root: the cluster belongs to the postgres user.
    const { uid, gid } = await postgresIds();
    chownSync(dir, uid, gid);
    await asPostgres(postgresBin('initdb'), [
      '-D',
      server.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
    ]);
    await server.resume();
    return server;
  }

  /** The URL of `database` on this cluster, as the superuser. */
  url(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async resume(): Promise<void> {
    await asPostgres(postgresBin('pg_ctl'), [
      '-D',
      this.dataDir,
      '-l',
      join(this.dataDir, '..', 'server.log'),
      '-o',
      `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      'start',
    ]);
  }

  /** Stops the server as an administrator's restart does: sessions are terminated. */
  async pause(): Promise<void> {
    await asPostgres(postgresBin('pg_ctl'), ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  async stop(): Promise<void> {
    await this.pause().catch(() => undefined);
    rmSync(join(this.dataDir, '..'), { recursive: true, force: true });
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async (flag) => Number((await run('id', [flag, 'postgres'])).stdout.trim())),
  );
  return { uid: uid ?? 0, gid: gid ?? 0 };
}

function asPostgres(command: string, args: string[]): Promise<unknown> {
  if (process.getuid?.() !== 0) return run(command, args, { cwd: '/tmp' });
  return run('runuser', ['-u', 'postgres', '--', command, ...args], { cwd: '/tmp' });
}

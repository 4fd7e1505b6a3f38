import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { stopLeftServers } from '../src/left-servers';
import { TEST_RUN_DIR_VARIABLE, TestNatsServer } from '../src/nats-server';
import { waitFor } from '../src/wait-for';

const running = (pid: number) => existsSync(`/proc/${pid}`) && !isZombie(pid);
const isZombie = (pid: number) => {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/**
 * A suite's own nats-server is listed in the run's directory while it lives, so the jest run's
 * teardown stops one a suite left running, and only such a one.
 */
describe('a test nats-server', () => {
  let runDir: string;
  const suiteRunDir = process.env[TEST_RUN_DIR_VARIABLE];
  const left: TestNatsServer[] = [];

  beforeEach(() => {
    runDir = mkdtempSync(join(tmpdir(), 'salesops-jest-run-test-'));
    process.env[TEST_RUN_DIR_VARIABLE] = runDir;
  });

  afterEach(async () => {
    process.env[TEST_RUN_DIR_VARIABLE] = suiteRunDir;
    await Promise.all(left.splice(0).map((server) => server.stop()));
    rmSync(runDir, { recursive: true, force: true });
  });

  const recordsOf = () =>
    readdirSync(runDir).map(
      (name) =>
        JSON.parse(readFileSync(join(runDir, name), 'utf8')) as { pid: number; storeDir: string },
    );

  it('is listed while it runs and no longer once stopped, even stopped while paused', async () => {
    const server = await TestNatsServer.start();
    left.push(server);
    const [record] = recordsOf();
    expect(record && running(record.pid)).toBe(true);

    await server.pause();
    await server.stop();

    expect(recordsOf()).toEqual([]);
    expect(existsSync(record?.storeDir ?? '')).toBe(false);
  });

  it("is stopped by the run's teardown when a suite leaves it running, with its store", async () => {
    const server = await TestNatsServer.start();
    left.push(server);
    const [record] = recordsOf();

    expect(stopLeftServers(runDir)).toEqual([expect.stringMatching(/^nats-\d+ \(pid \d+\)$/)]);

    await waitFor(() => !running(record?.pid ?? 0), { what: 'the left server to be gone' });
    expect(existsSync(record?.storeDir ?? '')).toBe(false);
    expect(readdirSync(runDir)).toEqual([]);
  });

  it('leaves alone a listed pid that is no longer that server', async () => {
    const server = await TestNatsServer.start();
    left.push(server);
    const [record] = recordsOf();
    await server.pause();

    expect(stopLeftServers(runDir)).toEqual([]);
    expect(record && running(record.pid)).toBe(false);
  });
});

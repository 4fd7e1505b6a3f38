import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The safety net under the suites' afterAll (jest.global-teardown.js): stops each nats-server
 * listed in a run's directory (TestNatsServer lists its own while it lives) that is still running,
 * and removes its store. Only that run's servers: a pid is killed only while its command line
 * still names the listed store. Answers what it stopped, for the teardown to name.
 */
export function stopLeftServers(runDir: string): string[] {
  const stopped: string[] = [];
  for (const name of readdirSync(runDir)) {
    const { pid, storeDir } = JSON.parse(readFileSync(join(runDir, name), 'utf8')) as {
      pid: number;
      storeDir: string;
    };
    if (commandLineOf(pid).includes(storeDir)) {
      process.kill(pid, 'SIGKILL');
      stopped.push(`${name} (pid ${pid})`);
    }
    rmSync(storeDir, { recursive: true, force: true });
    rmSync(join(runDir, name), { force: true });
  }
  return stopped;
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

// Child-process bookkeeping for the benchmark: every process we start is tracked here so that a
// normal end, an error, Ctrl-C or SIGTERM all stop exactly the processes this run started.
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';

const children = new Set();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port the kernel says is free right now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function tcpReachable(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` until it returns true; throws after `timeoutMs`. */
export async function waitFor(
  check,
  { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      if (error?.fatal) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

/**
 * Starts a tracked child. Its stdout/stderr go to `logFile` (and the last lines are kept in memory
 * for error messages). stdin is a pipe that our own helper servers watch: if this process dies
 * without cleaning up, they see EOF and exit by themselves.
 */
export function startChild(name, command, args, { env, logFile, cwd } = {}) {
  const child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const tail = [];
  const log = logFile ? createWriteStream(logFile, { flags: 'w' }) : null;
  const keep = (chunk) => {
    log?.write(chunk);
    tail.push(chunk.toString());
    if (tail.length > 200) tail.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.stdin.on('error', () => {});
  const handle = {
    name,
    child,
    pid: child.pid,
    tail: () => tail.join(''),
    exited: new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    ),
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    /** SIGTERM, then SIGKILL after `graceMs`. */
    async stop(graceMs = 8000) {
      if (!handle.running) return handle.exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => handle.running && child.kill('SIGKILL'), graceMs);
      const result = await handle.exited;
      clearTimeout(timer);
      return result;
    },
    /** Resolves when a stdout/stderr line matches `pattern`. */
    waitForLine(pattern, timeoutMs = 15_000) {
      return waitFor(
        () => {
          if (!handle.running) {
            const error = new Error(`${name} exited early:\n${handle.tail().slice(-2000)}`);
            error.fatal = true;
            throw error;
          }
          return pattern.test(handle.tail());
        },
        { timeoutMs, intervalMs: 50, what: `${name} to print ${pattern}` },
      );
    },
  };
  child.once('exit', () => {
    children.delete(handle);
    log?.end();
  });
  children.add(handle);
  return handle;
}

/** Stops every child still running: services first (they drain into NATS), nats-server last. */
export async function stopAll({ last = [] } = {}) {
  const all = [...children];
  const first = all.filter((handle) => !last.includes(handle.name));
  const later = all.filter((handle) => last.includes(handle.name));
  await Promise.all(first.map((handle) => handle.stop()));
  await Promise.all(later.map((handle) => handle.stop()));
}

export function runningChildren() {
  return [...children];
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, from /proc; null if it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** CPU seconds and command name of every process on the machine (kernel threads included). */
export function allProcessCpu() {
  const out = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      let comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm === 'node' || comm === 'MainThread') {
        // "node tsc", "node jest"…: the script says more than the interpreter.
        const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        const script = argv.slice(1).find((arg) => arg && !arg.startsWith('-'));
        if (script) comm = `node ${script.split('/').slice(-1)[0]}`;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(entry, { comm, seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * CPU % of one core used between two allProcessCpu() snapshots, by command name, for the
 * processes `include(pid, comm)` accepts (processes born in between count fully).
 */
export function cpuPercentByComm(before, after, seconds, include) {
  const out = new Map();
  for (const [pid, { comm, seconds: used }] of after) {
    if (!include(pid, comm)) continue;
    const delta = used - (before.get(pid)?.seconds ?? 0);
    if (delta > 0) out.set(comm, (out.get(comm) ?? 0) + (100 * delta) / seconds);
  }
  return out;
}

/** Busy and total CPU seconds of the whole machine so far, from /proc/stat (all cores). */
export function machineCpu() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    const busy = user + nice + system + irq + softirq + steal;
    return {
      busy: busy / CLOCK_TICKS,
      // Interrupt work (mostly the loopback TCP traffic of the benchmark itself) is not charged to
      // any process.
      irq: (irq + softirq) / CLOCK_TICKS,
      steal: steal / CLOCK_TICKS,
      total: (busy + idle + iowait) / CLOCK_TICKS,
      iowait: iowait / CLOCK_TICKS,
    };
  } catch {
    return null;
  }
}

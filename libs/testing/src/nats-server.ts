import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './free-port';
import { waitFor } from './wait-for';

const NATS_SERVER = process.env['NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server';
/**
 * Where a jest run (jest.global-setup.js) lists the servers its suites start, so that its global
 * teardown stops any a suite left running.
 */
export const TEST_RUN_DIR_VARIABLE = 'SALESOPS_TEST_RUN_DIR';

export interface TestNatsServerOptions {
  /** A configuration file (e.g. deploy/nats/nats-server.conf), with the environment it reads. */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** A nats-server with JetStream of the test's own, on a spare port, that a test may stop. */
export class TestNatsServer {
  private process?: ChildProcess;
  private constructor(
    readonly port: number,
    private readonly storeDir: string,
    private readonly options: TestNatsServerOptions,
  ) {}

  static async start(options: TestNatsServerOptions = {}): Promise<TestNatsServer> {
    const server = new TestNatsServer(
      await freePort(),
      mkdtempSync(join(tmpdir(), 'salesops-nats-')),
      options,
    );
    try {
      await server.resume();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    const { configFile, env } = this.options;
    this.process = spawn(
      NATS_SERVER,
      [
        ...(configFile ? ['-c', configFile] : []),
        ...['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
      ],
      { stdio: 'ignore', env: { ...process.env, ...env } },
    );
    this.register();
    await waitFor(() => canConnect(this.port), { what: `nats-server on ${this.port}` });
  }

  async pause(): Promise<void> {
    const child = this.process;
    // A child killed by a signal keeps a null exit code: it has exited all the same.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.storeDir, { recursive: true, force: true });
    this.unregister();
  }

  /** `<run dir>/nats-<port>`: the pid and the store of the server on this port, while it lives. */
  private get record(): string | undefined {
    const runDir = process.env[TEST_RUN_DIR_VARIABLE];
    return runDir ? join(runDir, `nats-${this.port}`) : undefined;
  }

  private register(): void {
    const { record } = this;
    if (record && this.process?.pid !== undefined) {
      writeFileSync(record, JSON.stringify({ pid: this.process.pid, storeDir: this.storeDir }));
    }
  }

  private unregister(): void {
    const { record } = this;
    if (record) rmSync(record, { force: true });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

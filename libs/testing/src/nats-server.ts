import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './free-port';
import { waitFor } from './wait-for';

const NATS_SERVER = process.env['NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server';

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
    await server.resume();
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
    await waitFor(() => canConnect(this.port), { what: `nats-server on ${this.port}` });
  }

  async pause(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.storeDir, { recursive: true, force: true });
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

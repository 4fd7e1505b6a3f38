import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { deriveCallKey } from '@salesops/rpc';

import { freePort } from './free-port';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..', '..');

export type ServiceName =
  | 'gateway'
  | 'members'
  | 'customers'
  | 'orders'
  | 'training'
  | 'performance';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

const identityKeys = generateKeyPairSync('ed25519');

/** The key pair the gateway of a test signs identities with, and its services verify. */
export const TEST_IDENTITY_KEYS = {
  privateKey: identityKeys.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  publicKey: identityKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
};

/** The secret the gateway of a test derives each service's call key from. */
export const TEST_IDENTITY_CALL_SECRET = randomBytes(32);

const servicesKeys = generateKeyPairSync('ed25519');

/** The key pair services sign their own background calls with, and verify them (tests only). */
export const TEST_SERVICES_KEYS = {
  SERVICE_IDENTITY_PRIVATE_KEY: servicesKeys.privateKey
    .export({ type: 'pkcs8', format: 'der' })
    .toString('base64'),
  SERVICE_IDENTITY_PUBLIC_KEY: servicesKeys.publicKey
    .export({ type: 'spki', format: 'der' })
    .toString('base64'),
};

/** Contact-field keys of the tests (never used outside them). */
export const TEST_CONTACT_KEYS = {
  CONTACT_KEYS: `test1:${Buffer.alloc(32, 1).toString('base64')},test2:${Buffer.alloc(32, 3).toString('base64')}`,
  CONTACT_ACTIVE_KEY: 'test1',
  CONTACT_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
};

/** The key ring that seals MFA secrets in the tests' gateway. */
export const TEST_MFA_KEYS = {
  MFA_KEYS: `test1:${Buffer.alloc(32, 4).toString('base64')},test2:${Buffer.alloc(32, 5).toString('base64')}`,
  MFA_ACTIVE_KEY: 'test1',
};

/** The key of the keyed hash under which failed logins record a typed name that names no user. */
export const TEST_USERNAME_HASH_KEY = Buffer.alloc(32, 6).toString('base64');

/** The key the tests' gateway chains the audit trail with. */
export const TEST_AUDIT_CHAIN_KEY = Buffer.alloc(32, 7).toString('base64');

/** The suite's database (`TEST_DATABASE_URL`, default `salesops_test` on the local server). */
export function testDatabaseBaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/salesops_test';
}

/** The database role a service logs in as (tools/prisma/roles.mjs). */
export const databaseRoleOf = (service: ServiceName): string => `salesops_${service}`;

/**
 * A service's URL on the suite's database: its own role (no password: the local server trusts
 * its roles, as `npm start` does) and its schema.
 */
export function testDatabaseUrl(service: ServiceName): string {
  const url = new URL(testDatabaseBaseUrl());
  url.username = databaseRoleOf(service);
  url.password = '';
  url.searchParams.set('schema', service);
  return url.toString();
}

/** SHUTDOWN_GRACE_MS of the tests' processes is 5 s: after this, a stop is overdue. */
const STOP_DEADLINE_MS = 20_000;

/** One of our processes, built, started as it runs in production, ready when /ready says so. */
export class ServiceProcess {
  private child?: ChildProcess;
  readonly output: string[] = [];

  private constructor(
    readonly service: ServiceName,
    readonly opsPort: number,
    readonly httpPort: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(
    service: ServiceName,
    options: { natsUrl: string; env?: NodeJS.ProcessEnv; waitReady?: boolean },
  ): Promise<ServiceProcess> {
    const prefix = service.toUpperCase();
    const httpPort = await freePort();
    const opsPort = service === 'gateway' ? await freePort() : httpPort;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      NATS_URL: options.natsUrl,
      [`${prefix}_DATABASE_URL`]: testDatabaseUrl(service),
      [`${prefix}_HTTP_PORT`]: String(httpPort),
      GATEWAY_OPS_PORT: String(opsPort),
      JWT_SECRET: TEST_JWT_SECRET,
      IDENTITY_PRIVATE_KEY: TEST_IDENTITY_KEYS.privateKey,
      IDENTITY_PUBLIC_KEY: TEST_IDENTITY_KEYS.publicKey,
      SERVICE_IDENTITY_PUBLIC_KEY: TEST_SERVICES_KEYS.SERVICE_IDENTITY_PUBLIC_KEY,
      IDENTITY_CALL_SECRET: TEST_IDENTITY_CALL_SECRET.toString('base64'),
      [`${prefix}_IDENTITY_CALL_KEY`]: deriveCallKey(TEST_IDENTITY_CALL_SECRET, service).toString(
        'base64',
      ),
      ...(service === 'members'
        ? { SERVICE_IDENTITY_PRIVATE_KEY: TEST_SERVICES_KEYS.SERVICE_IDENTITY_PRIVATE_KEY }
        : {}),
      ...TEST_CONTACT_KEYS,
      ...TEST_MFA_KEYS,
      USERNAME_HASH_KEY: TEST_USERNAME_HASH_KEY,
      AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
      SHUTDOWN_GRACE_MS: '5000',
      ...options.env,
    };
    const started = new ServiceProcess(service, opsPort, httpPort, env);
    try {
      await started.spawn(options.waitReady ?? true);
    } catch (error) {
      await started.kill();
      throw error;
    }
    return started;
  }

  /** Still running: neither exited nor killed by a signal. */
  get alive(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** Whether /ready says ready now. */
  async ready(): Promise<boolean> {
    const response = await fetch(`http://127.0.0.1:${this.opsPort}/ready`).catch(() => undefined);
    return response?.ok ?? false;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  async spawn(waitReady = true): Promise<void> {
    const child = spawn(process.execPath, [join(ROOT, 'apps', this.service, 'dist', 'main.js')], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 20_000) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    if (waitReady) await this.waitReady();
  }

  /** Generous: six processes starting side by side on a busy 2-core machine take a while. */
  async waitReady(timeoutMs = 150_000): Promise<void> {
    await waitFor(
      async () => {
        if (this.child?.exitCode !== null) {
          throw new Error(`${this.service} exited: ${this.output.join('').slice(-2000)}`);
        }
        const response = await fetch(`http://127.0.0.1:${this.opsPort}/ready`);
        return response.ok;
      },
      { timeoutMs, what: `${this.service} to be ready` },
    );
  }

  /** SIGTERM, as an orchestrator stops it; resolves with the exit code. */
  async stop(): Promise<number | null> {
    const stopped = this.signal('SIGTERM');
    // A process that has not stopped well past its grace is killed, so a suite never hangs on it;
    // its exit code is then null, which a test of graceful shutdown sees.
    const overdue = setTimeout(() => void this.kill(), STOP_DEADLINE_MS);
    try {
      return await stopped;
    } finally {
      clearTimeout(overdue);
    }
  }

  /** SIGKILL: the process dies wherever it is. */
  async kill(): Promise<number | null> {
    return this.signal('SIGKILL');
  }

  private async signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill(signal);
    return exited;
  }
}

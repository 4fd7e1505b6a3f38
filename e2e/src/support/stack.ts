import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';

import type { ClockSetting } from '@salesops/calendar';
import { ServiceProcess, type ServiceName, testDatabaseBaseUrl, waitFor } from '@salesops/testing';
import { totpCode, totpStep } from '@salesops/totp';

export const NATS_SERVICES: ServiceName[] = [
  'members',
  'customers',
  'orders',
  'training',
  'performance',
];

/** The gateway and the five services as real processes on the suite's NATS and test database. */
export class Stack {
  private readonly mfaSecrets = new Map<string, string>();
  private readonly usedSteps = new Map<string, number>();

  /** The time of the stack's processes: the system's until a test sets it. */
  private clock: ClockSetting = {};

  private constructor(
    readonly processes: Map<ServiceName, ServiceProcess>,
    private readonly clockFile: string,
  ) {}

  /** `gatewayEnv` is for the gateway only, `env` for every process, `envOf` per process. */
  static async start(
    natsUrl: string,
    gatewayEnv: NodeJS.ProcessEnv = {},
    env: NodeJS.ProcessEnv = {},
    envOf: (service: ServiceName) => NodeJS.ProcessEnv = () => ({}),
  ): Promise<Stack> {
    const services = [...NATS_SERVICES, 'gateway' as const];
    const clockFile = join(mkdtempSync(join(tmpdir(), 'salesops-clock-')), 'clock.json');
    const results = await Promise.allSettled(
      services.map((service) =>
        ServiceProcess.start(service, {
          natsUrl,
          env: {
            TEST_CLOCK_FILE: clockFile,
            ...env,
            ...(service === 'gateway' ? gatewayEnv : {}),
            ...envOf(service),
          },
        }),
      ),
    );
    const started = results.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) {
      // Leave nothing running: a stray service in the queue group would answer other tests.
      await Promise.all(started.map((process) => process.stop()));
      throw failure.reason;
    }
    return new Stack(new Map(started.map((process) => [process.service, process])), clockFile);
  }

  /** Stops the time of every process of the stack at `at` (lockout, rate limits, TOTP, today). */
  setClock(at: Date): void {
    this.writeClock({ frozenAt: at.toISOString() });
  }

  /** Lets the stack's time run on from `at` (an offset from the system clock). */
  runClockFrom(at: Date): void {
    this.writeClock({ offsetMs: at.getTime() - Date.now() });
  }

  /** Moves the stack's time on (or back) by `ms`, stopped or running. */
  moveClock(ms: number): void {
    const { frozenAt, offsetMs = 0 } = this.clock;
    this.writeClock(
      frozenAt
        ? { frozenAt: new Date(Date.parse(frozenAt) + ms).toISOString() }
        : { offsetMs: offsetMs + ms },
    );
  }

  /** The file every process of the stack reads its time from (TEST_CLOCK_FILE). */
  get clockFilePath(): string {
    return this.clockFile;
  }

  /** The time the stack's processes read now. */
  now(): Date {
    const { frozenAt, offsetMs = 0 } = this.clock;
    return frozenAt ? new Date(frozenAt) : new Date(Date.now() + offsetMs);
  }

  private writeClock(setting: ClockSetting): void {
    this.clock = setting;
    writeFileSync(this.clockFile, JSON.stringify(setting));
  }

  get gateway(): ServiceProcess {
    return this.processes.get('gateway') as ServiceProcess;
  }

  service(name: ServiceName): ServiceProcess {
    const found = this.processes.get(name);
    if (!found) throw new Error(`${name} is not part of this stack`);
    return found;
  }

  http() {
    return request(this.gateway.baseUrl);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((process) => process.stop()));
  }

  /** A statement on the suite's test database, for setting up what the API cannot (e.g. time). */
  async sql(statement: string, values: unknown[] = []): Promise<void> {
    const db = new Client({
      connectionString: testDatabaseBaseUrl(),
    });
    await db.connect();
    try {
      await db.query(statement, values);
    } finally {
      await db.end();
    }
  }

  /** A user of the gateway with a fresh name and password. */
  async user(
    roles: string[] = ['director'],
    memberId: string | null = null,
    teamId: string | null = null,
  ): Promise<{ username: string; password: string }> {
    const username = `e2e-${randomUUID()}`;
    const password = `pw-${randomUUID()}`;
    await this.sql(
      `INSERT INTO gateway."user" (id, username, "passwordHash", roles, "memberId", "teamId", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [randomUUID(), username, await hash(password), roles, memberId, teamId],
    );
    return { username, password };
  }

  /** A fresh user, logged in (through MFA enrolment where the role must use it). */
  async userWithToken(
    roles: string[] = ['director'],
    memberId: string | null = null,
    teamId: string | null = null,
  ): Promise<{ username: string; token: string }> {
    const { username, password } = await this.user(roles, memberId, teamId);
    return { username, token: await this.login(username, password) };
  }

  /** Logs in as a user, completing the second factor with the secret this stack enrolled. */
  async login(username: string, password: string): Promise<string> {
    const first = await this.http()
      .post('/api/v1/auth/login')
      .send({ username, password })
      .expect(200);
    const login = first.body as { accessToken?: string; mfaToken?: string };
    if (!login.mfaToken) return login.accessToken as string;
    if ('mfaEnrolmentRequired' in login) {
      const enrolment = await this.http()
        .post('/api/v1/auth/mfa/enrolment')
        .send({ mfaToken: login.mfaToken })
        .expect(200);
      this.mfaSecrets.set(username, (enrolment.body as { secret: string }).secret);
    }
    const secret = this.mfaSecrets.get(username);
    if (!secret) throw new Error(`no MFA secret known for ${username}`);
    const completed = await this.http()
      .post('/api/v1/auth/mfa')
      .send({ mfaToken: login.mfaToken, code: await this.freshCode(username, secret) })
      .expect(200);
    return (completed.body as { accessToken: string }).accessToken;
  }

  /**
   * A code of a step not used yet by this user: each code works once. A stopped clock is moved to
   * the next step; a running one is waited for.
   */
  private async freshCode(username: string, secret: string): Promise<string> {
    const used = this.usedSteps.get(username) ?? -1;
    const step = () => totpStep(this.now().getTime());
    if (this.clock.frozenAt && step() <= used) this.moveClock((used + 1 - step()) * 30_000);
    await waitFor(() => step() > used, { timeoutMs: 35_000, what: 'the next TOTP step' });
    this.usedSteps.set(username, step());
    return totpCode(secret, step());
  }
}

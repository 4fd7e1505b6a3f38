import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';

import { ServiceProcess, type ServiceName, testDatabaseUrl } from '@salesops/testing';

export const NATS_SERVICES: ServiceName[] = [
  'members',
  'customers',
  'orders',
  'training',
  'performance',
];

/** The gateway and the five services as real processes on the suite's NATS and test database. */
export class Stack {
  private constructor(readonly processes: Map<ServiceName, ServiceProcess>) {}

  static async start(natsUrl: string, gatewayEnv: NodeJS.ProcessEnv = {}): Promise<Stack> {
    const services = [...NATS_SERVICES, 'gateway' as const];
    const results = await Promise.allSettled(
      services.map((service) =>
        ServiceProcess.start(service, { natsUrl, env: service === 'gateway' ? gatewayEnv : {} }),
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
    return new Stack(new Map(started.map((process) => [process.service, process])));
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

  /** A user of the gateway with a fresh name and password. */
  async user(
    roles: string[] = ['director'],
    memberId: string | null = null,
  ): Promise<{ username: string; password: string }> {
    const username = `e2e-${randomUUID()}`;
    const password = `pw-${randomUUID()}`;
    const db = new Client({
      connectionString: testDatabaseUrl('gateway').replace('?schema=gateway', ''),
    });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO gateway."user" (id, username, "passwordHash", roles, "memberId", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, now())`,
        [randomUUID(), username, await hash(password), roles, memberId],
      );
    } finally {
      await db.end();
    }
    return { username, password };
  }

  /** A fresh user, logged in. */
  async userWithToken(
    roles: string[] = ['director'],
  ): Promise<{ username: string; token: string }> {
    const { username, password } = await this.user(roles);
    const login = await this.http()
      .post('/api/v1/auth/login')
      .send({ username, password })
      .expect(200);
    return { username, token: (login.body as { accessToken: string }).accessToken };
  }
}

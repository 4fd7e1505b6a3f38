import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Response } from 'supertest';

import { ServiceProcess, TestNatsServer, waitFor } from '@salesops/testing';

import { Stack } from '../support/stack';
import { testDb } from '../support/test-db';

/** What one instance of a service has answered, from its own /metrics. */
async function requestsServed(instance: ServiceProcess): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${instance.opsPort}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('salesops_requests_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/**
 * Two instances of members share the load in their queue group while one of them is killed or
 * stopped; clients re-send what failed with the same Idempotency-Key, as they are told to.
 */
describe('fault: instances that die or stop under load', () => {
  let nats: TestNatsServer;
  let stack: Stack;
  let second: ServiceProcess | undefined;
  let db: Pool;
  let auth: { authorization: string };
  let teamId: string;

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    stack = await Stack.start(nats.url);
    db = testDb();
    const { token } = await stack.userWithToken();
    auth = { authorization: `Bearer ${token}` };
    const team = await stack
      .http()
      .post('/api/v1/teams')
      .set(auth)
      .send({ name: `Instances ${randomUUID()}`, kind: 'online_sales' })
      .expect(201);
    teamId = (team.body as { id: string }).id;
  });

  afterAll(async () => {
    await second?.stop();
    await stack?.stop();
    await nats?.stop();
    await db?.end();
  });

  const hire = (key: string) =>
    stack
      .http()
      .post('/api/v1/members')
      .set({ ...auth, 'idempotency-key': key })
      .send({
        employeeNo: `IF-${key.slice(0, 13)}`,
        name: 'Zhou Ning',
        teamId,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
      })
      .timeout(20_000);

  /** Hires with `workers` clients in parallel until `stop` says so; every key and first answer. */
  async function load(workers: number, stop: () => boolean) {
    const answers: { key: string; status: number }[] = [];
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (!stop()) {
          const key = randomUUID();
          const response = await hire(key).catch(() => undefined);
          answers.push({
            key,
            status: response?.status ?? 0,
            ...(response && response.status !== 201 ? { body: response.body as unknown } : {}),
          });
        }
      }),
    );
    return answers;
  }

  async function membersHiredWith(keys: string[]): Promise<Map<string, number>> {
    const { rows } = await db.query<{ employeeNo: string; count: string }>(
      `SELECT "employeeNo", count(*) FROM members.member WHERE "teamId" = $1 GROUP BY 1`,
      [teamId],
    );
    const counts = new Map(rows.map((row) => [row.employeeNo, Number(row.count)]));
    return new Map(keys.map((key) => [key, counts.get(`IF-${key.slice(0, 13)}`) ?? 0]));
  }

  it('answers 20 concurrent retries of one Idempotency-Key with one effect and 20 identical answers', async () => {
    const key = randomUUID();
    const responses: Response[] = await Promise.all(Array.from({ length: 20 }, () => hire(key)));

    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
    const bodies = responses.map((response) => JSON.stringify(response.body));
    expect(new Set(bodies).size).toBe(1);
    expect((await membersHiredWith([key])).get(key)).toBe(1);
  });

  it('loses and doubles nothing when one of two instances is killed under load', async () => {
    second = await ServiceProcess.start('members', { natsUrl: nats.url });
    const first = stack.service('members');
    let killed = false;
    const running = load(6, () => killed);
    await waitFor(async () => (await requestsServed(second as ServiceProcess)) > 5, {
      what: 'the second instance to take a share of the load',
    });
    await second.kill();
    killed = true;
    const answers = await running;

    expect(answers.every(({ status }) => [201, 503, 504].includes(status))).toBe(true);
    const failed = answers.filter(({ status }) => status !== 201);
    for (const { key } of failed) expect((await hire(key)).status).toBe(201);
    const hired = await membersHiredWith(answers.map(({ key }) => key));
    expect([...hired.values()].every((count) => count === 1)).toBe(true);
    expect(await requestsServed(first)).toBeGreaterThan(0);
    second = undefined;
  });

  it('lets the in-flight requests of a stopped instance finish and sends new ones elsewhere', async () => {
    second = await ServiceProcess.start('members', { natsUrl: nats.url });
    let stopping = false;
    const running = load(6, () => stopping);
    await waitFor(async () => (await requestsServed(second as ServiceProcess)) > 5, {
      what: 'the second instance to take a share of the load',
    });
    const exitCode = await second.stop();
    const afterStop = await load(
      3,
      (() => {
        let left = 10;
        return () => left-- <= 0;
      })(),
    );
    stopping = true;
    const answers = [...(await running), ...afterStop];

    expect(exitCode).toBe(0);
    // A lost reply would be a 504; a 503 says "try again" (a busy pool on a loaded machine).
    expect(answers.filter(({ status }) => status !== 201 && status !== 503)).toEqual([]);
    for (const { key, status } of answers)
      if (status === 503) expect((await hire(key)).status).toBe(201);
    const hired = await membersHiredWith(answers.map(({ key }) => key));
    expect([...hired.values()].every((count) => count === 1)).toBe(true);
    second = undefined;
  });
});

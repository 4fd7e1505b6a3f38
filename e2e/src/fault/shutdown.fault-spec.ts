import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import { TestNatsServer, testDatabaseBaseUrl, waitFor } from '@salesops/testing';

import { Stack } from '../support/stack';

/**
 * SIGTERM reaches a service while a write it took waits on a row lock the test holds: the service
 * finishes the write and answers before it exits, so the caller gets the committed result.
 */
describe('fault: a stopped service finishes the work it took', () => {
  let nats: TestNatsServer;
  let stack: Stack;
  let lock: Client;
  let auth: { authorization: string };

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    stack = await Stack.start(nats.url);
    const { token } = await stack.userWithToken();
    auth = { authorization: `Bearer ${token}` };
    lock = new Client({ connectionString: testDatabaseBaseUrl() });
    await lock.connect();
  });

  afterAll(async () => {
    await lock?.end();
    await stack?.stop();
    await nats?.stop();
  });

  it('answers a slow write with its committed result, never a 504', async () => {
    const team = await stack
      .http()
      .post('/api/v1/teams')
      .set(auth)
      .send({ name: `Shutdown ${randomUUID()}`, kind: 'online_sales' })
      .expect(201);
    const member = await stack
      .http()
      .post('/api/v1/members')
      .set(auth)
      .send({
        employeeNo: `SD-${randomUUID().slice(0, 13)}`,
        name: 'Sun Li',
        teamId: (team.body as { id: string }).id,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
      })
      .expect(201);
    const memberId = (member.body as { id: string }).id;

    await lock.query('BEGIN');
    await lock.query('SELECT 1 FROM members.member WHERE id = $1 FOR UPDATE', [memberId]);
    const slowWrite = stack
      .http()
      .patch(`/api/v1/members/${memberId}`)
      .set({ ...auth, 'if-match': '"1"' })
      .send({ name: 'Sun Mei' })
      .timeout(30_000)
      .then((response) => response);
    await waitFor(
      async () => {
        const { rowCount } = await lock.query(
          `SELECT 1 FROM pg_stat_activity WHERE usename = 'salesops_members' AND wait_event_type = 'Lock'`,
        );
        return rowCount !== null && rowCount > 0;
      },
      { what: 'the write to wait on the row lock' },
    );
    const members = stack.service('members');
    const exited = members.stop();
    await waitFor(async () => !(await members.ready()), { what: 'members to begin stopping' });
    await lock.query('COMMIT');

    const answer = await slowWrite;
    expect({ status: answer.status, name: (answer.body as { name?: string }).name }).toEqual({
      status: 200,
      name: 'Sun Mei',
    });
    expect(await exited).toBe(0);
    const { rows } = await lock.query<{ name: string; version: number }>(
      'SELECT name, version FROM members.member WHERE id = $1',
      [memberId],
    );
    expect(rows).toEqual([{ name: 'Sun Mei', version: 2 }]);
  });
});

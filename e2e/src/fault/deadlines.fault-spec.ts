import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';

import { CustomersRpc } from '@salesops/customers-contracts';
import { MembersRpc } from '@salesops/members-contracts';
import { permissionsOf } from '@salesops/policy';
import {
  audienceOf,
  DEADLINE_MARGIN_MS,
  type IdentityClaims,
  IdentitySigner,
  privateKeyFromBase64,
  RpcClient,
  RpcHeader,
} from '@salesops/rpc';
import { TEST_IDENTITY_KEYS, TestNatsServer, waitFor } from '@salesops/testing';

import { Stack } from '../support/stack';
import { testDb } from '../support/test-db';

interface Member {
  id: string;
  status: string;
  version: number;
}

/**
 * Item 5 of the faults issue: the time left travels with a request and bounds what it causes; a
 * departure finishes within the gateway's wait or not at all, and runs once per Idempotency-Key.
 */
describe('fault: deadlines travel', () => {
  let nats: TestNatsServer;
  let stack: Stack;
  let nc: NatsConnection;
  const db = testDb();
  let director: string;
  let teamId: string;
  const signer = new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey));
  const directorIdentity: IdentityClaims = {
    caller: { kind: 'user', id: randomUUID(), memberId: null, teamId: null, roles: ['director'] },
    permissions: [...permissionsOf(['director'])],
    scope: { kind: 'company', teamIds: [], memberId: null },
  };

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  const hire = async (extra: object = {}): Promise<Member> =>
    (
      await stack
        .http()
        .post('/api/v1/members')
        .set(as(director))
        .send({
          employeeNo: `D-${randomUUID().slice(0, 8)}`,
          name: 'Qian Yu',
          teamId,
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
          ...extra,
        })
        .expect(201)
    ).body as Member;

  const depart = (memberId: string, handoverTo: string, key?: string) => {
    const call = stack
      .http()
      .post(`/api/v1/members/${memberId}/depart`)
      .set(as(director))
      .timeout(MembersRpc.departMember.timeoutMs + 10_000);
    return (key ? call.set('idempotency-key', key) : call).send({
      reason: 'resigned',
      handoverTo,
    });
  };

  const statusOf = async (memberId: string) =>
    (
      await db.query<{ status: string }>('SELECT status FROM members.member WHERE id = $1', [
        memberId,
      ])
    ).rows[0]?.status;

  const sagasOf = async (memberId: string) =>
    (
      await db.query<{ status: string }>(
        'SELECT status FROM members.departure WHERE "memberId" = $1',
        [memberId],
      )
    ).rows.map((row) => row.status);

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    stack = await Stack.start(nats.url);
    nc = await connect({ servers: nats.url });
    director = (await stack.userWithToken(['director'])).token;
    teamId = (
      (
        await stack
          .http()
          .post('/api/v1/teams')
          .set(as(director))
          .send({ name: `Deadlines ${randomUUID()}`, kind: 'online_sales' })
          .expect(201)
      ).body as { id: string }
    ).id;
  });

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
    await nats?.stop();
    await db.end();
  });

  it('refuses at once, doing nothing, a call whose caller has already given up', async () => {
    const employeeNo = `X-${randomUUID().slice(0, 8)}`;
    const contract = MembersRpc.createMember;
    const headers = natsHeaders();
    headers.set(RpcHeader.requestId, randomUUID());
    headers.set(RpcHeader.timeLeft, '0');
    headers.set(
      RpcHeader.identity,
      signer.sign(directorIdentity, contract.subject, audienceOf(contract)),
    );
    const data = {
      idempotencyKey: null,
      input: {
        employeeNo,
        name: 'Late Caller',
        teamId,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
      },
    };

    const reply = await nc.request(
      contract.subject,
      JSON.stringify({ pattern: contract.subject, data, id: randomUUID() }),
      { timeout: 5000, headers },
    );

    expect(reply.json<{ err?: { code?: string } }>().err?.code).toBe('DEADLINE_EXCEEDED');
    const created = await db.query('SELECT 1 FROM members.member WHERE "employeeNo" = $1', [
      employeeNo,
    ]);
    expect(created.rowCount).toBe(0);
  });

  it('bounds the onward calls of a request by the time its caller has left, less a margin', async () => {
    const member = await hire();
    const colleague = await hire();
    // A plain subscriber gets a copy of every hand-over the customers service is asked for.
    const seen = nc.subscribe(CustomersRpc.customers.handOver.subject);
    const timeLeft: number[] = [];
    void (async () => {
      for await (const message of seen)
        timeLeft.push(Number(message.headers?.get(RpcHeader.timeLeft)));
    })();
    await nc.flush();
    const callerGives = 4000;

    await new RpcClient(nc, undefined, signer).call(
      MembersRpc.departMember,
      {
        id: member.id,
        expectedVersion: null,
        input: { reason: 'resigned', handoverTo: colleague.id },
      },
      {
        requestId: randomUUID(),
        identity: directorIdentity,
        deadline: performance.now() + callerGives,
      },
    );

    await waitFor(() => timeLeft.length === 1, { what: 'the hand-over to customers' });
    seen.unsubscribe();
    // The caller sent (its time left − margin); members took off another margin and what it spent.
    expect(timeLeft[0]).toBeGreaterThan(0);
    expect(timeLeft[0]).toBeLessThanOrEqual(callerGives - 2 * DEADLINE_MARGIN_MS);
    expect(await statusOf(member.id)).toBe('departed');
  });

  it('runs one departure per Idempotency-Key: a retry gets the first answer and starts no second saga', async () => {
    const member = await hire({ phone: '13800138000' });
    const colleague = await hire();
    const key = `depart-${randomUUID()}`;

    const [first, retry] = await Promise.all([
      depart(member.id, colleague.id, key),
      depart(member.id, colleague.id, key),
    ]);
    const late = await depart(member.id, colleague.id, key);

    expect([first.status, retry.status, late.status]).toEqual([200, 200, 200]);
    expect(retry.body).toEqual(first.body);
    expect(late.body).toEqual(first.body);
    expect(first.body).toMatchObject({ id: member.id, status: 'departed' });
    expect(await sagasOf(member.id)).toEqual(['departed']);
    const reused = await depart(member.id, member.id, key);
    expect({ status: reused.status, code: reused.body.code }).toEqual({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('never answers 504 for a departure that then completes: one that cannot finish in time is not done', async () => {
    const member = await hire();
    const colleague = await hire();
    // Another transaction holds the departures table past the gateway's wait: the saga cannot
    // even be recorded until it lets go.
    const blocker: PoolClient = await db.connect();
    let response;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE members.departure IN SHARE MODE');
      response = await depart(member.id, colleague.id);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    // A statement still queued behind the lock goes first; this waits for it to finish.
    await db.query('BEGIN; LOCK TABLE members.departure IN ACCESS EXCLUSIVE MODE; COMMIT');
    await waitFor(async () => !(await sagasOf(member.id)).includes('handing_over'), {
      what: 'any departure of the member to settle',
    });

    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 503,
      code: 'DEADLINE_EXCEEDED',
    });
    expect(await statusOf(member.id)).toBe('probation');
    expect(await sagasOf(member.id)).not.toContain('departed');
    // Nothing stays half-done: the same departure, asked again, goes through.
    expect((await depart(member.id, colleague.id)).status).toBe(200);
  });
});

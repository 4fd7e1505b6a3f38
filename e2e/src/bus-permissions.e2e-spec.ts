import { connect, type NatsConnection } from '@nats-io/transport-node';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { CustomersRpc } from '@salesops/customers-contracts';
import { natsPasswordVariableOf } from '@salesops/messaging';
import { MembersRpc } from '@salesops/members-contracts';
import { inboxPrefixOf } from '@salesops/rpc';
import { type ServiceName, TestNatsServer, waitFor } from '@salesops/testing';

import { NATS_SERVICES, Stack } from './support/stack';
import { testDb } from './support/test-db';

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, 'deploy', 'nats', 'nats-server.conf');
const PROCESSES: ServiceName[] = ['gateway', ...NATS_SERVICES];
const run = promisify(execFile);

/** The NATS server as compose runs it: deploy/nats/nats-server.conf, a user per process. */
describe('the bus trusts no one', () => {
  const passwords = new Map(PROCESSES.map((name) => [name, `pw-${randomUUID()}`]));
  let server: TestNatsServer;
  const open: NatsConnection[] = [];

  const signIn = async (user: ServiceName) => {
    const connection = await connect({
      servers: server.url,
      user,
      pass: passwords.get(user),
      inboxPrefix: inboxPrefixOf(user),
    });
    open.push(connection);
    return connection;
  };

  /** What the server told this connection it refused. */
  const refusalsOf = (connection: NatsConnection) => {
    const refusals: string[] = [];
    void (async () => {
      for await (const status of connection.status()) {
        if (status.type === 'error') refusals.push(status.error.message);
      }
    })();
    return refusals;
  };

  beforeAll(async () => {
    server = await TestNatsServer.start({
      configFile: CONFIG,
      env: Object.fromEntries(
        [...passwords].map(([name, password]) => [natsPasswordVariableOf(name), password]),
      ),
    });
  });

  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
    await server?.stop();
  });

  it('runs on the configuration the contracts give (tools/nats/nats-config.mjs --check)', async () => {
    await expect(
      run(process.execPath, [join(ROOT, 'tools', 'nats', 'nats-config.mjs'), '--check']),
    ).resolves.toBeDefined();
  });

  it('refuses a connection without a user, or with a wrong password', async () => {
    await expect(connect({ servers: server.url })).rejects.toThrow(/Authorization/i);
    await expect(
      connect({ servers: server.url, user: 'members', pass: 'salesops-dev' }),
    ).rejects.toThrow(/Authorization/i);
  });

  it("refuses another service's event published by the orders user: no one receives it", async () => {
    const orders = await signIn('orders');
    const refusals = refusalsOf(orders);
    const members = await signIn('members');
    const received: string[] = [];
    members.subscribe('salesops.members.>', {
      callback: (_, message) => {
        received.push(message.subject);
      },
    });
    await members.flush();

    orders.publish('salesops.members.member.transferred', JSON.stringify({ forged: true }));
    await orders.flush();
    members.publish('salesops.members.test.marker', '{}');
    await waitFor(() => received.includes('salesops.members.test.marker'), {
      what: 'the marker',
    });

    expect(received).toEqual(['salesops.members.test.marker']);
    await waitFor(() => refusals.length > 0, { what: 'the refusal' });
    expect(refusals).toEqual([
      'Permissions Violation for Publish to "salesops.members.member.transferred"',
    ]);
  });

  it("refuses a request to another service's subject by a process its contracts do not name", async () => {
    const orders = await signIn('orders');
    await expect(
      orders.request(MembersRpc.getMember.subject, '{}', { timeout: 2000 }),
    ).rejects.toThrow(`Permissions Violation for Publish to "${MembersRpc.getMember.subject}"`);
    const training = await signIn('training');
    await expect(
      training.request(CustomersRpc.customers.holdings.subject, '{}', { timeout: 2000 }),
    ).rejects.toThrow('Permissions Violation for Publish');
  });

  it('lets the gateway and the onward caller named in a contract request a service', async () => {
    for (const caller of ['gateway', 'members'] as const) {
      const connection = await signIn(caller);
      // Nobody serves it here: "no responders" means the server let the request through.
      await expect(
        connection.request(CustomersRpc.customers.holdings.subject, '{}', { timeout: 2000 }),
      ).rejects.toThrow(/no responders/i);
    }
  });

  it("refuses to let a process take another's requests or read another's replies", async () => {
    const orders = await signIn('orders');
    const refusals = refusalsOf(orders);
    orders.subscribe('members.>');
    orders.subscribe(`${inboxPrefixOf('gateway')}.>`);
    orders.subscribe('_INBOX.>');
    await orders.flush();
    await waitFor(() => refusals.length === 3, { what: 'three refusals' });
    expect(refusals.sort()).toEqual([
      'Permissions Violation for Subscription to "_INBOX.>"',
      `Permissions Violation for Subscription to "${inboxPrefixOf('gateway')}.>"`,
      'Permissions Violation for Subscription to "members.>"',
    ]);
  });

  describe('the whole stack, each process signed in as its own user', () => {
    let stack: Stack;
    const db = testDb();
    const as = (token: string) => ({ authorization: `Bearer ${token}` });

    beforeAll(async () => {
      stack = await Stack.start(
        server.url,
        { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
        {},
        (name) => ({
          NATS_USER: name,
          NATS_PASS: passwords.get(name),
        }),
      );
    });

    afterAll(async () => {
      await stack?.stop();
      await db.end();
    });

    it('signs in, reaches a subtree, hires (relayed and consumed), checks a probation and departs with the handover', async () => {
      const director = (await stack.userWithToken(['director'])).token;
      const team = await stack
        .http()
        .post('/api/v1/teams')
        .set(as(director))
        .send({ name: `Bus ${randomUUID()}`, kind: 'online_sales' })
        .expect(201);
      const teamId = (team.body as { id: string }).id;
      const hire = async () =>
        (
          await stack
            .http()
            .post('/api/v1/members')
            .set(as(director))
            .send({
              employeeNo: `B-${randomUUID().slice(0, 8)}`,
              name: 'Qin Lan',
              teamId,
              position: 'sales_rep',
              track: 'professional',
              level: 'sales_rep',
            })
            .expect(201)
        ).body as { id: string };
      const member = await hire();
      const colleague = await hire();
      // The leader's scope is their subtree, asked of the members service by the gateway.
      const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
      await stack.http().get(`/api/v1/members/${member.id}`).set(as(leader)).expect(200);
      // members relays to its stream; performance's roster consumer applies it.
      await waitFor(
        async () =>
          (
            await db.query('SELECT 1 FROM performance.roster_member WHERE "memberId" = $1', [
              member.id,
            ])
          ).rowCount === 1,
        { what: 'the roster to have the hire' },
      );
      // members asks training and performance on the leader's behalf.
      await stack
        .http()
        .get(`/api/v1/members/${member.id}/probation-checkpoint`)
        .set(as(leader))
        .expect(200);
      const session = (await stack.userWithToken(['sales_rep'], member.id, teamId)).token;
      // members hands over in customers and orders on the leader's behalf; the gateway's
      // consumer ends the departed member's sessions.
      await stack
        .http()
        .post(`/api/v1/members/${member.id}/depart`)
        .set(as(leader))
        .send({ reason: 'resigned', handoverTo: colleague.id })
        .expect(200);
      await waitFor(
        async () =>
          (await stack.http().get('/api/v1/auth/me').set(as(session))).status === 401 || undefined,
        { what: 'the session to end' },
      );
      for (const process of stack.processes.values()) {
        expect(process.output.join('')).not.toMatch(/Permissions Violation/i);
      }
    });
  });
});

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';

import {
  type CreateCustomerInput,
  type Customer,
  type CustomerImportReport,
  CustomersRpc,
} from '@salesops/customers-contracts';
import { teamOfReps } from '@salesops/customers-testing';
import { MembersRpc } from '@salesops/members-contracts';
import {
  type DomainError,
  type IdentityClaims,
  IdentitySigner,
  privateKeyFromBase64,
  RpcClient,
  type RpcRequest,
} from '@salesops/rpc';
import {
  errorOf,
  identityOf,
  ServiceProcess,
  TEST_CONTACT_KEYS,
  TEST_IDENTITY_KEYS,
  testDatabaseBaseUrl,
  testDatabaseUrl,
  waitFor,
} from '@salesops/testing';

const run = promisify(execFile);

const natsUrl = process.env['TEST_NATS_URL'] as string;

describe('customers service over NATS', () => {
  let members: ServiceProcess;
  let sut: ServiceProcess;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let db: Pool;
  const signer = new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey));

  const director = identityOf('director', 'company');
  const context = (identity: IdentityClaims) => ({ requestId: randomUUID(), identity });

  beforeAll(async () => {
    [members, sut] = await Promise.all([
      ServiceProcess.start('members', { natsUrl }),
      ServiceProcess.start('customers', { natsUrl, env: { DUE_SWEEP_MS: '200' } }),
    ]);
    nc = await connect({ servers: natsUrl });
    rpc = new RpcClient(nc, undefined, signer);
    db = new Pool({ connectionString: testDatabaseBaseUrl(), max: 2 });
  });

  afterAll(async () => {
    await db?.end();
    await nc?.close();
    await Promise.all([sut?.stop(), members?.stop()]);
  });

  const newTeam = (reps = 2, weeklyLeadQuota = 3) => teamOfReps(rpc, reps, { weeklyLeadQuota });

  const uniquePhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const register = (identity: IdentityClaims, overrides: Partial<CreateCustomerInput> = {}) =>
    rpc.call(
      CustomersRpc.createCustomer,
      {
        idempotencyKey: null,
        input: {
          name: 'Wang Fang',
          phone: uniquePhone(),
          wechatId: `wx_${randomUUID().slice(0, 8)}`,
          email: 'wang.fang@example.com',
          address: 'Hangzhou, Xihu district, 1 Long Road',
          birthday: '1990-05-17',
          channel: 'online',
          ...overrides,
        },
      },
      context(identity),
    );
  const get = (id: string, identity: IdentityClaims) =>
    rpc.call(CustomersRpc.getCustomer, { id }, context(identity));

  it('registers a lead with its phone in E.164, sealed at rest and found by its blind index', async () => {
    const { reps, leader } = await newTeam(1);
    const phone = uniquePhone();

    const customer = await register(reps[0] as IdentityClaims, {
      phone: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
    });

    expect(customer).toMatchObject({ stage: 'lead', phone: `+86${phone}`, version: 1 });
    const { rows } = await db.query(
      'SELECT phone, "wechatId", email, address, birthday, "phoneIndex" FROM customers.customer WHERE id = $1',
      [customer.id],
    );
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(phone);
    expect(stored).not.toContain('Hangzhou');
    expect(stored).not.toContain('wang.fang');
    const found = await rpc.call(
      CustomersRpc.listCustomers,
      { phone: `+86 ${phone}` },
      context(leader),
    );
    expect(found.items.map((item) => item.id)).toEqual([customer.id]);
  });

  it('re-encrypts contact fields under a new active key, and still reads them', async () => {
    const { reps } = await newTeam(1);
    const rep = reps[0] as IdentityClaims;
    const customer = await register(rep);
    const reencrypt = (activeKey: string) =>
      run(process.execPath, [join(__dirname, '../dist/contact-keys/reencrypt-contacts.js')], {
        env: {
          ...process.env,
          ...TEST_CONTACT_KEYS,
          CONTACT_ACTIVE_KEY: activeKey,
          CUSTOMERS_DATABASE_URL: testDatabaseUrl('customers'),
        },
      });
    const stored = async () =>
      (
        await db.query<{ phone: string; address: string }>(
          'SELECT phone, address FROM customers.customer WHERE id = $1',
          [customer.id],
        )
      ).rows[0];
    expect((await stored())?.phone).toMatch(/^v2\.test1\./);

    expect((await reencrypt('test2')).stdout).toMatch(/^re-encrypted \d+ customers/);
    expect(await stored()).toMatchObject({
      phone: expect.stringMatching(/^v2\.test2\./),
      address: expect.stringMatching(/^v2\.test2\./),
    });
    expect(await get(customer.id, rep)).toMatchObject({
      phone: customer.phone,
      address: customer.address,
    });
    const found = await rpc.call(
      CustomersRpc.listCustomers,
      { phone: customer.phone as string },
      context(rep),
    );
    expect(found.items.map((item) => item.id)).toEqual([customer.id]);
    await reencrypt('test1');
    expect((await stored())?.phone).toMatch(/^v2\.test1\./);
  });

  it('refuses a phone it cannot normalise with a field error, creating nothing', async () => {
    const { reps, repIds } = await newTeam(1);
    const error = await errorOf(register(reps[0] as IdentityClaims, { phone: '12345' }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors).toEqual([expect.objectContaining({ path: 'input.phone' })]);
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM customers.customer WHERE "ownerId" = $1',
      [repIds[0]],
    );
    expect(rows[0].n).toBe(0);
  });

  it("keeps a rep's customers from other reps, other teams and shows them masked to finance", async () => {
    const east = await newTeam(2);
    const west = await newTeam(1);
    const customer = await register(east.reps[0] as IdentityClaims);

    expect((await get(customer.id, east.reps[0] as IdentityClaims)).phone).toBe(customer.phone);
    for (const outsider of [east.reps[1], west.leader, west.service] as IdentityClaims[]) {
      expect((await errorOf(get(customer.id, outsider))).code).toBe('CUSTOMER_NOT_FOUND');
    }
    expect((await get(customer.id, east.service)).phone).toBe(customer.phone);
    expect((await get(customer.id, east.leader)).phone).toBe(customer.phone);
    const finance = identityOf('finance', 'company');
    const masked = await get(customer.id, finance);
    expect(masked).toMatchObject({
      phone: `${customer.phone?.slice(3, 6)}****${customer.phone?.slice(-4)}`,
      address: 'Hangzhou',
      birthday: '05',
    });
    expect(masked.email).toBe('w***@example.com');
  });

  it('lists masked unless clear is asked and allowed; clear without the right is 403', async () => {
    const { reps, leader, service } = await newTeam(1);
    const customer = await register(reps[0] as IdentityClaims);

    const served = await rpc.call(
      CustomersRpc.listCustomers,
      { phone: customer.phone as string, contact: 'clear' },
      context(service),
    );
    expect(served.items.map((item) => item.phone)).toEqual([customer.phone]);
    const listed = await rpc.call(CustomersRpc.listCustomers, {}, context(leader));
    expect(listed.items.find((item) => item.id === customer.id)?.phone).toMatch(/\*\*\*\*/);
    const clear = await rpc.call(CustomersRpc.listCustomers, { contact: 'clear' }, context(leader));
    expect(clear.items.find((item) => item.id === customer.id)?.phone).toBe(customer.phone);
    const finance = identityOf('finance', 'company');
    const refused = await errorOf(
      rpc.call(CustomersRpc.listCustomers, { contact: 'clear' }, context(finance)),
    );
    expect(refused.code).toBe('CONTACT_CLEAR_FORBIDDEN');
    const byPhone = await errorOf(
      rpc.call(CustomersRpc.listCustomers, { phone: customer.phone as string }, context(finance)),
    );
    expect(byPhone.code).toBe('FIELD_NOT_FILTERABLE');
  });

  it('reads one customer in clear only where allowed: masked on request, 403 rather than masked', async () => {
    const { reps, service } = await newTeam(1);
    const customer = await register(reps[0] as IdentityClaims);
    const read = (identity: IdentityClaims, contact: 'masked' | 'clear') =>
      rpc.call(CustomersRpc.getCustomer, { id: customer.id, contact }, context(identity));

    expect((await read(service, 'clear')).phone).toBe(customer.phone);
    expect((await read(reps[0] as IdentityClaims, 'clear')).phone).toBe(customer.phone);
    expect((await read(service, 'masked')).phone).toMatch(/\*\*\*\*/);
    const refused = await errorOf(read(identityOf('finance', 'company'), 'clear'));
    expect(refused.code).toBe('CONTACT_CLEAR_FORBIDDEN');
  });

  it('filters, sorts and pages the list', async () => {
    const { reps, leader, team } = await newTeam(1);
    const rep = reps[0] as IdentityClaims;
    const made: Customer[] = [];
    for (const [i, intent] of (['A', 'B', 'A'] as const).entries()) {
      made.push(await register(rep, { name: `Zhao ${i}`, intent, tags: i === 2 ? ['vip'] : [] }));
    }
    const query = { teamId: team.id, sort: 'createdAt' as const, limit: 2 };
    const first = await rpc.call(CustomersRpc.listCustomers, query, context(leader));
    const second = await rpc.call(
      CustomersRpc.listCustomers,
      { ...query, cursor: first.nextCursor as string },
      context(leader),
    );
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(
      made.map((customer) => customer.id),
    );
    expect(second.nextCursor).toBeNull();
    const a = await rpc.call(
      CustomersRpc.listCustomers,
      { teamId: team.id, intent: 'A' },
      context(leader),
    );
    expect(a.items).toHaveLength(2);
    const vip = await rpc.call(
      CustomersRpc.listCustomers,
      { teamId: team.id, tag: 'vip', name: 'zhao' },
      context(leader),
    );
    expect(vip.items.map((item) => item.id)).toEqual([made[2]?.id]);
  });

  it('changes details at the expected version, refusing a phone another customer holds', async () => {
    const { reps, leader } = await newTeam(1);
    const rep = reps[0] as IdentityClaims;
    const [one, two] = [await register(rep), await register(rep)];
    const patch = (id: string, expectedVersion: number | null, change: object, who = rep) =>
      rpc.call(CustomersRpc.updateCustomer, { id, expectedVersion, patch: change }, context(who));

    const renamed = await patch(one.id, 1, { name: 'Wang Fang Jr', phone: '+86 137 1234 5678' });
    expect(renamed).toMatchObject({ name: 'Wang Fang Jr', phone: '+8613712345678', version: 2 });
    expect((await errorOf(patch(one.id, 1, { name: 'x' }))).code).toBe('VERSION_MISMATCH');
    expect((await errorOf(patch(two.id, null, { phone: '13712345678' }))).code).toBe(
      'CUSTOMER_DUPLICATE',
    );
    expect((await get(two.id, rep)).phone).toBe(two.phone);
    const stranger = identityOf('sales_rep', 'own', { memberId: randomUUID() });
    expect((await errorOf(patch(one.id, null, { name: 'x' }, stranger))).code).toBe(
      'CUSTOMER_NOT_FOUND',
    );
    expect((await patch(one.id, null, { intent: 'A' }, leader)).intent).toBe('A');
  });

  it('pages by next follow-up with the customers without one last', async () => {
    const { reps, leader, team } = await newTeam(1);
    const rep = reps[0] as IdentityClaims;
    const made = [await register(rep), await register(rep), await register(rep)];
    const dates = ['2026-12-03T02:00:00.000Z', '2026-12-01T02:00:00.000Z'];
    for (const [index, at] of dates.entries()) {
      await rpc.call(
        CustomersRpc.logFollowUp,
        {
          customerId: (made[index] as Customer).id,
          input: { channel: 'sms', content: 'hello', nextFollowUpAt: at },
        },
        context(rep),
      );
    }
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await rpc.call(
        CustomersRpc.listCustomers,
        { teamId: team.id, sort: 'nextFollowUpAt', limit: 1, ...(cursor ? { cursor } : {}) },
        context(leader),
      );
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual([made[1]?.id, made[0]?.id, made[2]?.id]);
  });

  it('refuses a second customer with the same phone or WeChat id, naming only the team', async () => {
    const east = await newTeam(1);
    const west = await newTeam(1);
    const first = await register(east.reps[0] as IdentityClaims);
    const national = (first.phone as string).slice(3);

    const byPhone = await errorOf(
      register(west.reps[0] as IdentityClaims, { phone: `+86-${national}` }),
    );
    expect(byPhone.code).toBe('CUSTOMER_DUPLICATE');
    expect(byPhone.details).toEqual({ teamId: east.team.id, teamName: east.team.name });
    expect(JSON.stringify(byPhone)).not.toContain(national);
    const byWechat = await errorOf(
      register(west.reps[0] as IdentityClaims, {
        wechatId: (first.wechatId as string).toUpperCase(),
      }),
    );
    expect(byWechat.code).toBe('CUSTOMER_DUPLICATE');
  });

  it('gives one customer when several creates of one phone race', async () => {
    const { reps, repIds } = await newTeam(1);
    const phone = uniquePhone();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        register(reps[0] as IdentityClaims, { phone, wechatId: null }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') {
        expect((result.reason as DomainError).code).toBe('CUSTOMER_DUPLICATE');
      }
    }
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM customers.customer WHERE "ownerId" = $1',
      [repIds[0]],
    );
    expect(rows[0].n).toBe(1);
  });

  it('moves stages: lost and dormant from open, reopen to contacted, won only by a leader', async () => {
    const { reps, leader } = await newTeam(1);
    const rep = reps[0] as IdentityClaims;
    const customer = await register(rep);
    const command = { id: customer.id, expectedVersion: null };

    const lost = await rpc.call(
      CustomersRpc.markLost,
      { ...command, input: { reason: 'bought elsewhere' } },
      context(rep),
    );
    expect(lost).toMatchObject({ stage: 'lost', stageReason: 'bought elsewhere', version: 2 });
    const again = await errorOf(
      rpc.call(CustomersRpc.markDormant, { ...command, input: { reason: 'x' } }, context(rep)),
    );
    expect(again.code).toBe('CUSTOMER_STAGE_NOT_ALLOWED');
    expect((await rpc.call(CustomersRpc.reopen, command, context(rep))).stage).toBe('contacted');
    const stale = await errorOf(
      rpc.call(CustomersRpc.reopen, { id: customer.id, expectedVersion: 1 }, context(rep)),
    );
    expect(stale.code).toBe('VERSION_MISMATCH');
    const byRep = await errorOf(rpc.call(CustomersRpc.markWon, command, context(rep)));
    expect(byRep.code).toBe('FORBIDDEN');
    expect((await rpc.call(CustomersRpc.markWon, command, context(leader))).stage).toBe('won');

    const history = await rpc.call(CustomersRpc.customerHistory, { id: customer.id }, context(rep));
    expect(
      history.items.filter((entry) => entry.kind === 'stage').map((entry) => entry.to),
    ).toEqual(['lead', 'lost', 'contacted', 'won']);
    expect(history.items.every((entry) => entry.by && entry.at)).toBe(true);
    await waitFor(
      async () => {
        const { rows } = await db.query(
          `SELECT envelope FROM customers.outbox_event WHERE envelope->>'subject' = $1 ORDER BY seq`,
          [customer.id],
        );
        return rows.length >= 5 ? rows : undefined;
      },
      { what: 'the events of the customer' },
    ).then(
      (
        rows: {
          envelope: { type: string; subjectVersion: number | null; data: { version: number } };
        }[],
      ) => {
        const types = rows.map((row) => row.envelope.type);
        expect(types).toEqual(
          expect.arrayContaining([
            'customers.customer.created',
            'customers.customer.stage_changed',
            'customers.customer.won',
          ]),
        );
        expect(rows.every((row) => typeof row.envelope.data.version === 'number')).toBe(true);
        // Versioned: each carries the customer's version after its change, as consumers order by.
        expect(rows.map((row) => row.envelope.subjectVersion)).toEqual(
          rows.map((row) => row.envelope.data.version),
        );
        expect(rows[0]?.envelope).toMatchObject({
          type: 'customers.customer.created',
          subjectVersion: 1,
        });
        expect(rows.at(-1)?.envelope.subjectVersion).toBe(4);
        const text = JSON.stringify(rows);
        expect(text).not.toContain((customer.phone as string).slice(3));
        expect(text).not.toContain(customer.wechatId as string);
        expect(text).not.toContain('Hangzhou');
      },
    );
  });

  it('logs follow-ups: a lead becomes contacted, the last contact is set, due ones are tasks', async () => {
    const { reps, service } = await newTeam(1);
    const rep = reps[0] as IdentityClaims;
    const customer = await register(rep);
    const due = new Date(Date.now() - 3_600_000).toISOString();

    const followUp = await rpc.call(
      CustomersRpc.logFollowUp,
      {
        customerId: customer.id,
        input: { channel: 'call', content: 'intro call', nextFollowUpAt: due },
      },
      context(service),
    );
    const after = await get(customer.id, rep);
    expect(after).toMatchObject({
      stage: 'contacted',
      lastContactAt: followUp.at,
      nextFollowUpAt: due,
    });
    const listed = await rpc.call(
      CustomersRpc.listFollowUps,
      { customerId: customer.id },
      context(rep),
    );
    expect(listed.items.map((item) => item.id)).toEqual([followUp.id]);
    const tasks = await rpc.call(CustomersRpc.tasks, {}, context(rep));
    expect(tasks.items).toContainEqual(
      expect.objectContaining({ kind: 'customer.follow-up', subjectId: customer.id, dueAt: due }),
    );
    const other = identityOf('sales_rep', 'own', { memberId: randomUUID() });
    const refused = await errorOf(
      rpc.call(
        CustomersRpc.logFollowUp,
        { customerId: customer.id, input: { channel: 'call', content: 'x' } },
        context(other),
      ),
    );
    expect(refused.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('transfers within the leader’s reach, keeping the owners on the history', async () => {
    const east = await newTeam(2);
    const west = await newTeam(1);
    const customer = await register(east.reps[0] as IdentityClaims);
    const to = east.repIds[1] as string;

    const moved = await rpc.call(
      CustomersRpc.transfer,
      { id: customer.id, expectedVersion: null, input: { ownerId: to, reason: 'rebalancing' } },
      context(east.leader),
    );
    expect(moved.ownerId).toBe(to);
    expect((await errorOf(get(customer.id, east.reps[0] as IdentityClaims))).code).toBe(
      'CUSTOMER_NOT_FOUND',
    );
    const opsMember = await rpc.call(
      MembersRpc.createMember,
      {
        idempotencyKey: null,
        input: {
          employeeNo: `O-${randomUUID().slice(0, 8)}`,
          name: 'Ops',
          teamId: east.team.id,
          position: 'operations',
          track: 'professional',
          level: 'operations',
        },
      },
      context(director),
    );
    const toOperations = async () =>
      (
        await errorOf(
          rpc.call(
            CustomersRpc.transfer,
            {
              id: customer.id,
              expectedVersion: null,
              input: { ownerId: opsMember.id, reason: 'x' },
            },
            context(east.leader),
          ),
        )
      ).code;
    await waitFor(
      async () =>
        (await db.query('SELECT 1 FROM customers.org_member WHERE "memberId" = $1', [opsMember.id]))
          .rowCount === 1,
      { what: 'the operations member in the projection' },
    );
    expect(await toOperations()).toBe('CUSTOMER_OWNER_INVALID');
    const outside = await errorOf(
      rpc.call(
        CustomersRpc.transfer,
        {
          id: customer.id,
          expectedVersion: null,
          input: { ownerId: west.repIds[0] as string, reason: 'x' },
        },
        context(east.leader),
      ),
    );
    expect(outside.code).toBe('CUSTOMER_OWNER_INVALID');
    const history = await rpc.call(
      CustomersRpc.customerHistory,
      { id: customer.id },
      context(east.leader),
    );
    expect(history.items.filter((entry) => entry.kind === 'owner')).toEqual([
      expect.objectContaining({ from: null, to: east.repIds[0] }),
      expect.objectContaining({ from: east.repIds[0], to, reason: 'rebalancing' }),
    ]);
  });

  it('hands all of a member’s customers over once per handover id, and reverts them', async () => {
    const { reps, repIds } = await newTeam(2);
    const [from, to] = repIds as [string, string];
    for (let i = 0; i < 3; i += 1) await register(reps[0] as IdentityClaims);
    const departing = {
      ...director,
      permissions: [...director.permissions, 'members:depart' as const],
    };
    const handoverId = randomUUID();

    expect(
      await rpc.call(CustomersRpc.customers.holdings, { memberId: from }, context(departing)),
    ).toEqual({ open: 3 });
    const request = { handoverId, fromMemberId: from, toMemberId: to };
    expect(await rpc.call(CustomersRpc.customers.handOver, request, context(departing))).toEqual({
      moved: 3,
    });
    expect(await rpc.call(CustomersRpc.customers.handOver, request, context(departing))).toEqual({
      moved: 3,
    });
    expect(
      await rpc.call(CustomersRpc.customers.holdings, { memberId: to }, context(departing)),
    ).toEqual({ open: 3 });
    expect(
      await rpc.call(CustomersRpc.customers.revertHandover, { handoverId }, context(departing)),
    ).toEqual({ reverted: 3 });
    expect(
      await rpc.call(CustomersRpc.customers.revertHandover, { handoverId }, context(departing)),
    ).toEqual({ reverted: 0 });
    expect(
      await rpc.call(CustomersRpc.customers.holdings, { memberId: from }, context(departing)),
    ).toEqual({ open: 3 });
  });

  it('counts leads per rep in the company week, across the Sunday/Monday boundary in UTC+8', async () => {
    const { reps, repIds, leader, team } = await newTeam(2, 2);
    const [a, b] = [
      await register(reps[0] as IdentityClaims),
      await register(reps[0] as IdentityClaims),
    ];
    // Sunday 2026-11-22 23:30 in Shanghai is in W47; Monday 00:30 is in W48.
    await db.query('UPDATE customers.customer SET "createdAt" = $2 WHERE id = $1', [
      a.id,
      '2026-11-22T15:30:00Z',
    ]);
    await db.query('UPDATE customers.customer SET "createdAt" = $2 WHERE id = $1', [
      b.id,
      '2026-11-22T16:30:00Z',
    ]);

    const w47 = await rpc.call(
      CustomersRpc.leadQuota,
      { teamId: team.id, week: '2026-W47' },
      context(leader),
    );
    expect(w47).toMatchObject({ quota: 2, total: 1 });
    expect(w47.reps).toEqual(
      expect.arrayContaining([
        { memberId: repIds[0], leads: 1, quota: 2, shortfall: 1 },
        { memberId: repIds[1], leads: 0, quota: 2, shortfall: 2 },
      ]),
    );
    const w48 = await rpc.call(
      CustomersRpc.leadQuota,
      { teamId: team.id, week: '2026-W48' },
      context(leader),
    );
    expect(w48.reps.find((rep) => rep.memberId === repIds[0])?.leads).toBe(1);
    const own = await rpc.call(
      CustomersRpc.leadQuota,
      { teamId: team.id, week: '2026-W47' },
      context(reps[0] as IdentityClaims),
    );
    expect(own.reps.map((rep) => rep.memberId)).toEqual([repIds[0]]);
    const noSuchWeek = await errorOf(
      rpc.call(CustomersRpc.leadQuota, { teamId: team.id, week: '2025-W53' }, context(leader)),
    );
    expect(noSuchWeek.errors).toEqual([expect.objectContaining({ path: 'week' })]);
    expect(
      (
        await rpc.call(
          CustomersRpc.leadQuota,
          { teamId: team.id, week: '2026-W53' },
          context(leader),
        )
      ).week,
    ).toBe('2026-W53');
    const other = await newTeam(0);
    const refused = await errorOf(
      rpc.call(CustomersRpc.leadQuota, { teamId: team.id }, context(other.leader)),
    );
    expect(refused.code).toBe('CUSTOMER_TEAM_UNKNOWN');
  });

  describe('import', () => {
    const importAs = async (
      identity: IdentityClaims,
      rows: RpcRequest<typeof CustomersRpc.appendImportRows>['rows'],
      fileHash = randomUUID().replace(/-/g, '').repeat(2),
    ) => {
      const { job, fresh } = await rpc.call(
        CustomersRpc.createImport,
        { idempotencyKey: null, fileHash, total: rows.length },
        context(identity),
      );
      if (fresh) {
        for (let first = 0; first < rows.length; first += 500) {
          await rpc.call(
            CustomersRpc.appendImportRows,
            { importId: job.id, rows: rows.slice(first, first + 500) },
            context(identity),
          );
        }
        await rpc.call(CustomersRpc.startImport, { importId: job.id }, context(identity));
      }
      return { job, fresh, fileHash };
    };
    const completed = (identity: IdentityClaims, id: string, timeoutMs = 30_000) =>
      waitFor(
        async () => {
          const job = await rpc.call(CustomersRpc.getImport, { id }, context(identity));
          return job.status === 'completed' ? job : undefined;
        },
        { what: 'the import to complete', timeoutMs },
      );

    it('reports each row; a bad row never stops the good ones; the same file again adds nothing', async () => {
      const { reps, repIds } = await newTeam(1);
      const rep = reps[0] as IdentityClaims;
      const existing = await register(rep);
      const rows = [
        { row: 1, values: { name: 'Ok One', phone: uniquePhone(), channel: 'event' } },
        { row: 2, values: { name: 'Bad Phone', phone: '12345', channel: 'event' } },
        { row: 3, values: { name: '', channel: 'fax' } },
        { row: 4, values: { name: 'Known', phone: existing.phone as string, channel: 'online' } },
        {
          row: 5,
          values: {
            name: 'Ok Two',
            wechatId: `wx_${randomUUID().slice(0, 6)}`,
            channel: 'wecom',
            tags: 'fair;2026',
          },
        },
      ];
      const { job, fileHash } = await importAs(rep, rows);

      const done = await completed(rep, job.id);
      expect(done).toMatchObject({ total: 5, processed: 5, created: 2, duplicates: 1, invalid: 2 });
      expect(done.rows?.map((row) => [row.row, row.outcome])).toEqual([
        [1, 'created'],
        [2, 'invalid'],
        [3, 'invalid'],
        [4, 'duplicate'],
        [5, 'created'],
      ]);
      expect(done.rows?.[1]?.errors).toEqual([expect.objectContaining({ path: 'input.phone' })]);
      expect(done.rows?.[2]?.errors.map((error) => error.path).sort()).toEqual(['channel', 'name']);
      const created = done.rows?.find((row) => row.row === 5)?.customerId as string;
      expect(await get(created, rep)).toMatchObject({ ownerId: repIds[0], tags: ['fair', '2026'] });

      const again = await importAs(rep, rows, fileHash);
      expect(again).toMatchObject({ fresh: false, job: { id: job.id } });
      const { rows: counted } = await db.query(
        'SELECT count(*)::int AS n FROM customers.customer WHERE "ownerId" = $1',
        [repIds[0]],
      );
      expect(counted[0].n).toBe(3);
      const stranger = identityOf('sales_rep', 'own', { memberId: randomUUID() });
      expect(
        (await errorOf(rpc.call(CustomersRpc.getImport, { id: job.id }, context(stranger)))).code,
      ).toBe('CUSTOMER_IMPORT_NOT_FOUND');
    });

    it('records a phone repeated across batches once, whichever batch applies it first', async () => {
      const { reps, repIds } = await newTeam(1);
      const rep = reps[0] as IdentityClaims;
      const phones = Array.from({ length: 160 }, () => uniquePhone());
      // Rows 51 and 101 repeat rows 50 and 2: each pair spans two batches that run side by side.
      phones[50] = phones[49] as string;
      phones[100] = phones[1] as string;
      const rows = phones.map((phone, index) => ({
        row: index + 1,
        values: { name: `Spread ${index}`, phone, channel: 'online' },
      }));
      const { job } = await importAs(rep, rows);

      const done = await completed(rep, job.id);
      expect(done).toMatchObject({ processed: 160, created: 158, duplicates: 2, invalid: 0 });
      const { rows: owned } = await db.query(
        'SELECT count(*)::int AS n FROM customers.customer WHERE "ownerId" = $1',
        [repIds[0]],
      );
      expect(owned[0].n).toBe(158);
    });

    it('resumes after a restart half-way, applying no row twice', async () => {
      const { reps, repIds } = await newTeam(1);
      const rep = reps[0] as IdentityClaims;
      const total = 1500;
      const rows = Array.from({ length: total }, (_, index) => ({
        row: index + 1,
        values: { name: `Bulk ${index}`, phone: uniquePhone(), channel: 'online' },
      }));
      const { job } = await importAs(rep, rows);
      await waitFor(
        async () =>
          (await rpc.call(CustomersRpc.getImport, { id: job.id }, context(rep))).processed > 20,
        { what: 'the import under way' },
      );
      await sut.stop();
      const halfway = (
        await db.query(
          `SELECT count(*)::int AS n FROM customers.customer_import_row WHERE "importId" = $1 AND status <> 'pending'`,
          [job.id],
        )
      ).rows[0].n as number;
      expect(halfway).toBeLessThan(total);
      sut = await ServiceProcess.start('customers', { natsUrl, env: { DUE_SWEEP_MS: '200' } });

      const done = await completed(rep, job.id, 120_000);
      const { rows: owned } = await db.query(
        'SELECT count(*)::int AS n FROM customers.customer WHERE "ownerId" = $1',
        [repIds[0]],
      );
      // A random phone may repeat one of another test's: a duplicate then, never a second customer.
      expect(done.processed).toBe(total);
      expect(done.created + done.duplicates).toBe(total);
      expect(owned[0].n).toBe(done.created);
    });

    it('pages the row report by row number, with the counts of the whole job', async () => {
      const { reps } = await newTeam(1);
      const rep = reps[0] as IdentityClaims;
      // Every third row has no name: 250 rows, 84 invalid, 166 created.
      const rows = Array.from({ length: 250 }, (_, index) => ({
        row: index + 1,
        values: {
          name: index % 3 === 0 ? '' : `Paged ${index}`,
          phone: uniquePhone(),
          channel: 'online',
        },
      }));
      const { job } = await importAs(rep, rows);
      const done = await completed(rep, job.id);
      expect(done).toMatchObject({
        total: 250,
        processed: 250,
        created: 166,
        duplicates: 0,
        invalid: 84,
        pending: 0,
      });
      expect(done.rows).toHaveLength(100);

      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page: CustomerImportReport = await rpc.call(
          CustomersRpc.getImport,
          { id: job.id, limit: 60, ...(cursor ? { cursor } : {}) },
          context(rep),
        );
        expect(page).toMatchObject({ total: 250, created: 166, invalid: 84 });
        expect(page.rows.length).toBeLessThanOrEqual(60);
        seen.push(...page.rows.map((row) => row.row));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(rows.map((row) => row.row));

      const invalid: number[] = [];
      cursor = undefined;
      do {
        const page: CustomerImportReport = await rpc.call(
          CustomersRpc.getImport,
          { id: job.id, status: 'invalid', limit: 50, ...(cursor ? { cursor } : {}) },
          context(rep),
        );
        expect(page.rows.every((row) => row.outcome === 'invalid')).toBe(true);
        invalid.push(...page.rows.map((row) => row.row));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(invalid).toEqual(rows.filter((row) => row.values.name === '').map((row) => row.row));

      expect(
        (
          await errorOf(
            rpc.call(CustomersRpc.getImport, { id: job.id, cursor: 'nonsense!' }, context(rep)),
          )
        ).code,
      ).toBe('VALIDATION_FAILED');
    });

    it("keeps a 50,000-row job's report small: a page, never every row", async () => {
      const owner = identityOf('sales_rep', 'own', { memberId: randomUUID() });
      const importId = randomUUID();
      await db.query(
        `INSERT INTO customers.customer_import (id, "createdBy", "dedupeKey", identity, status, total, "completedAt")
         VALUES ($1, $2, $3, $4, 'completed', 50000, now())`,
        [importId, owner.caller.id, `large-${importId}`, JSON.stringify(owner)],
      );
      // Every row refused with two field errors: about 4.5 MB as one report.
      await db.query(
        `INSERT INTO customers.customer_import_row ("importId", "rowNo", values, status, errors)
         SELECT $1, n, '{}', 'invalid',
                '[{"path": "name", "message": "Too small: expected string to have >=1 characters"},
                  {"path": "channel", "message": "Invalid option: expected one of \\"phone\\"|\\"wecom\\"|\\"referral\\"|\\"event\\"|\\"online\\""}]'
           FROM generate_series(1, 50000) AS n`,
        [importId],
      );

      const first = await rpc.call(CustomersRpc.getImport, { id: importId }, context(owner));
      expect(first).toMatchObject({ total: 50000, processed: 50000, invalid: 50000, pending: 0 });
      expect(first.rows.map((row) => row.row)).toEqual(
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThan(64 * 1024);
      const widest = await rpc.call(
        CustomersRpc.getImport,
        { id: importId, limit: 500, cursor: first.nextCursor as string },
        context(owner),
      );
      expect(widest.rows[0]?.row).toBe(101);
      expect(widest.rows).toHaveLength(500);
      expect(Buffer.byteLength(JSON.stringify(widest))).toBeLessThan(256 * 1024);
    });
  });

  it('announces each rep below quota once per week when the week is due', async () => {
    const { reps, repIds, team } = await newTeam(2, 1);
    const lead = await register(reps[0] as IdentityClaims);
    await db.query('UPDATE customers.customer SET "createdAt" = $2 WHERE id = $1', [
      lead.id,
      '2026-10-07T04:00:00Z',
    ]);
    await db.query(`DELETE FROM customers.quota_week WHERE week = '2026-W41'`);
    await db.query(
      `INSERT INTO customers.quota_week (week, "dueAt") VALUES ('2026-W41', now() - interval '1 minute')`,
    );

    const missed = async () =>
      (
        await db.query(
          `SELECT envelope FROM customers.outbox_event
            WHERE type = 'customers.quota.missed' AND envelope->'data'->>'teamId' = $1`,
          [team.id],
        )
      ).rows as { envelope: { data: { memberId: string; week: string; shortfall: number } } }[];
    await waitFor(async () => (await missed()).length > 0, { what: 'the quota miss' });
    await db.query(`UPDATE customers.quota_week SET "judgedAt" = NULL WHERE week = '2026-W41'`);
    await waitFor(
      async () =>
        (await db.query(`SELECT "judgedAt" FROM customers.quota_week WHERE week = '2026-W41'`))
          .rows[0].judgedAt !== null,
      { what: 'the week judged again' },
    );
    expect((await missed()).map((row) => row.envelope.data)).toEqual([
      expect.objectContaining({ memberId: repIds[1], week: '2026-W41', shortfall: 1 }),
    ]);
  });

  it('judges a due week even when an older one keeps failing, which waits for its next attempt', async () => {
    // A team with a quota makes the judging of a week that is no week fail every time.
    await newTeam(1, 1);
    await db.query(`DELETE FROM customers.quota_week WHERE week IN ('no-week', '2026-W40')`);
    await db.query(
      `INSERT INTO customers.quota_week (week, "dueAt") VALUES
         ('no-week', now() - interval '2 minutes'), ('2026-W40', now() - interval '1 minute')`,
    );

    await waitFor(
      async () =>
        (await db.query(`SELECT "judgedAt" FROM customers.quota_week WHERE week = '2026-W40'`))
          .rows[0]?.judgedAt != null,
      { what: 'the week behind the failing one judged' },
    );
    const { rows } = await db.query(
      `SELECT "judgedAt", attempts, "lastError", "nextAttemptAt" > now() AS waiting
         FROM customers.quota_week WHERE week = 'no-week'`,
    );
    expect(rows[0]).toMatchObject({ judgedAt: null, waiting: true });
    expect(rows[0].attempts).toBeGreaterThanOrEqual(1);
    expect(rows[0].lastError).toContain('not a week');
    await db.query(`DELETE FROM customers.quota_week WHERE week = 'no-week'`);
  });

  it('applies the import rows behind one that fails unexpectedly; that one waits for its next attempt', async () => {
    const importId = randomUUID();
    await db.query(
      `INSERT INTO customers.customer_import (id, "createdBy", "dedupeKey", identity, status, total)
       VALUES ($1, $2, $3, $4, 'running', 2)`,
      [importId, randomUUID(), `broken-${importId}`, JSON.stringify(director)],
    );
    // Row 1 is no row of strings (its apply throws); row 2 is refused as invalid, and settled.
    await db.query(
      `INSERT INTO customers.customer_import_row ("importId", "rowNo", values, status) VALUES
         ($1, 1, '{"name": 5}', 'pending'), ($1, 2, '{}', 'pending')`,
      [importId],
    );

    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT status FROM customers.customer_import_row WHERE "importId" = $1 AND "rowNo" = 2`,
            [importId],
          )
        ).rows[0]?.status === 'invalid',
      { what: 'the row behind the failing one applied' },
    );
    const { rows } = await db.query(
      `SELECT status, attempts, "lastError", "nextAttemptAt" > now() AS waiting
         FROM customers.customer_import_row WHERE "importId" = $1 AND "rowNo" = 1`,
      [importId],
    );
    expect(rows[0]).toMatchObject({ status: 'pending', waiting: true });
    expect(rows[0].attempts).toBeGreaterThanOrEqual(1);
    expect(rows[0].lastError).toEqual(expect.any(String));
    await db.query(`UPDATE customers.customer_import SET status = 'completed' WHERE id = $1`, [
      importId,
    ]);
  });
});

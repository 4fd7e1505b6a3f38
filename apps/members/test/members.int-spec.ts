import { jetstream } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { execFile } from 'node:child_process';
import { createCipheriv, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';

import { type CreateMemberInput, MembersRpc, type Team } from '@salesops/members-contracts';
import { FieldCipher } from '@salesops/persistence';
import {
  backgroundIdentity,
  type IdentityClaims,
  IdentitySigner,
  privateKeyFromBase64,
  RpcClient,
  RpcHeader,
} from '@salesops/rpc';
import {
  errorOf,
  ServiceProcess,
  TEST_CONTACT_KEYS,
  TEST_IDENTITY_KEYS,
  TEST_SERVICES_KEYS,
  testDatabaseBaseUrl,
  testDatabaseUrl,
  waitFor,
} from '@salesops/testing';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const run = promisify(execFile);

describe('members service over NATS', () => {
  let sut: ServiceProcess;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const signer = new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey));
  const director: IdentityClaims = {
    caller: { kind: 'user', id: randomUUID(), memberId: null, teamId: null, roles: ['director'] },
    permissions: ['teams:read', 'teams:write', 'members:read', 'members:write'],
    scope: { kind: 'company', teamIds: [], memberId: null },
  };
  const caller = director.caller;
  const context = (identity: IdentityClaims = director) => ({ requestId: randomUUID(), identity });

  beforeAll(async () => {
    sut = await ServiceProcess.start('members', { natsUrl });
    nc = await connect({ servers: natsUrl });
    rpc = new RpcClient(nc, undefined, signer);
  });

  afterAll(async () => {
    await nc?.close();
    await sut?.stop();
  });

  const newTeam = (settings: Record<string, number> = {}): Promise<Team> =>
    rpc.call(
      MembersRpc.createTeam,
      {
        idempotencyKey: null,
        input: { name: `Team ${randomUUID()}`, kind: 'online_sales', settings },
      },
      context(),
    );

  const memberInput = (
    teamId: string,
    overrides: Partial<CreateMemberInput> = {},
  ): CreateMemberInput => ({
    employeeNo: `T-${randomUUID().slice(0, 8)}`,
    name: 'Lin Fei',
    teamId,
    position: 'sales_rep',
    track: 'professional',
    level: 'sales_rep',
    ...overrides,
  });

  const membersOfTeam = async (teamId: string) =>
    (await rpc.call(MembersRpc.listMembers, { teamId, limit: 100 }, context())).items;

  it("hires a member into probation for the team's probation days", async () => {
    const team = await newTeam({ probationDays: 10 });
    const hiredAt = '2026-03-01T00:00:00.000Z';

    const member = await rpc.call(
      MembersRpc.createMember,
      { idempotencyKey: null, input: memberInput(team.id, { hiredAt }) },
      context(),
    );

    expect(member).toMatchObject({ status: 'probation', teamId: team.id, version: 1, hiredAt });
    // 08:00 on 03-01 in Shanghai: probation ends as the company day 03-11 begins.
    expect(member.probationEndsAt).toBe('2026-03-10T16:00:00.000Z');
    expect(await rpc.call(MembersRpc.getMember, { id: member.id }, context())).toEqual(member);
  });

  it('counts probation days from the company day of the hire, not the UTC day', async () => {
    const team = await newTeam({ probationDays: 10 });
    // 01:00 on 03-11 in Shanghai, still 03-10 in UTC.
    const hiredAt = '2026-03-10T17:00:00.000Z';

    const member = await rpc.call(
      MembersRpc.createMember,
      { idempotencyKey: null, input: memberInput(team.id, { hiredAt }) },
      context(),
    );

    expect(member.probationEndsAt).toBe('2026-03-20T16:00:00.000Z');
  });

  it("defaults a team's probation to 30 days", async () => {
    const team = await newTeam();
    expect(team.settings.probationDays).toBe(30);
    expect(team.settings.promotionNoticeDays).toBe(5);
  });

  it('refuses a duplicate employee number with a stable code and changes nothing', async () => {
    const team = await newTeam();
    const first = memberInput(team.id);
    await rpc.call(MembersRpc.createMember, { idempotencyKey: null, input: first }, context());

    const error = await errorOf(
      rpc.call(
        MembersRpc.createMember,
        { idempotencyKey: null, input: { ...first, name: 'Other' } },
        context(),
      ),
    );

    expect(error.code).toBe('MEMBER_EMPLOYEE_NO_TAKEN');
    expect(error.status).toBe(409);
    expect(await membersOfTeam(team.id)).toHaveLength(1);
  });

  it("refuses a level that is not on the member's track", async () => {
    const team = await newTeam();
    const error = await errorOf(
      rpc.call(
        MembersRpc.createMember,
        {
          idempotencyKey: null,
          input: memberInput(team.id, { track: 'professional', level: 'director' }),
        },
        context(),
      ),
    );
    expect(error.code).toBe('LEVEL_NOT_ON_TRACK');
    expect(await membersOfTeam(team.id)).toHaveLength(0);
  });

  it('refuses a member for a team that does not exist', async () => {
    const error = await errorOf(
      rpc.call(
        MembersRpc.createMember,
        { idempotencyKey: null, input: memberInput(randomUUID()) },
        context(),
      ),
    );
    expect(error.code).toBe('MEMBER_TEAM_NOT_FOUND');
  });

  it('validates requests on its side too, with the field errors', async () => {
    const reply = await nc.request(
      MembersRpc.createMember.subject,
      JSON.stringify({
        pattern: MembersRpc.createMember.subject,
        id: randomUUID(),
        data: { idempotencyKey: null, input: { employeeNo: '!', surprise: true } },
      }),
      {
        timeout: 5000,
        headers: identityHeaders(signer.sign(director, MembersRpc.createMember.subject)),
      },
    );
    const { err } = reply.json<{ err: { code: string; errors: { path: string }[] } }>();
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.errors.map((error) => error.path)).toEqual(
      expect.arrayContaining(['input.employeeNo', 'input.surprise', 'input.teamId']),
    );
  });

  it('refuses a message that carries no caller', async () => {
    const reply = await nc.request(
      MembersRpc.getMember.subject,
      JSON.stringify({
        pattern: MembersRpc.getMember.subject,
        id: randomUUID(),
        data: { id: randomUUID() },
      }),
      { timeout: 5000 },
    );
    expect(reply.json<{ err: { code: string } }>().err.code).toBe('UNAUTHENTICATED');
  });

  it('creates one member for 20 concurrent retries with the same idempotency key', async () => {
    const team = await newTeam();
    const input = memberInput(team.id);
    const key = randomUUID();

    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        rpc.call(MembersRpc.createMember, { idempotencyKey: key, input }, context()),
      ),
    );

    expect(new Set(results.map((member) => member.id)).size).toBe(1);
    expect(await membersOfTeam(team.id)).toHaveLength(1);
  });

  it('refuses an idempotency key reused with a different request', async () => {
    const team = await newTeam();
    const key = randomUUID();
    await rpc.call(
      MembersRpc.createMember,
      { idempotencyKey: key, input: memberInput(team.id) },
      context(),
    );

    const error = await errorOf(
      rpc.call(
        MembersRpc.createMember,
        { idempotencyKey: key, input: memberInput(team.id) },
        context(),
      ),
    );

    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(error.status).toBe(422);
    expect(await membersOfTeam(team.id)).toHaveLength(1);
  });

  it('applies an update only against the current version', async () => {
    const team = await newTeam();
    const member = await rpc.call(
      MembersRpc.createMember,
      { idempotencyKey: null, input: memberInput(team.id) },
      context(),
    );

    const updated = await rpc.call(
      MembersRpc.updateMember,
      { id: member.id, expectedVersion: 1, patch: { name: 'Renamed' } },
      context(),
    );
    const stale = await errorOf(
      rpc.call(
        MembersRpc.updateMember,
        { id: member.id, expectedVersion: 1, patch: { name: 'Lost' } },
        context(),
      ),
    );

    expect(updated).toMatchObject({ name: 'Renamed', version: 2 });
    expect(stale.code).toBe('VERSION_MISMATCH');
    expect(await rpc.call(MembersRpc.getMember, { id: member.id }, context())).toMatchObject({
      name: 'Renamed',
      version: 2,
    });
  });

  it('answers MEMBER_NOT_FOUND for an update of a member that does not exist', async () => {
    const error = await errorOf(
      rpc.call(
        MembersRpc.updateMember,
        { id: randomUUID(), expectedVersion: null, patch: { name: 'X' } },
        context(),
      ),
    );
    expect(error.code).toBe('MEMBER_NOT_FOUND');
  });

  it('pages through a team by name with cursors', async () => {
    const team = await newTeam();
    for (const name of ['Ai', 'Bo', 'Cai', 'Deng', 'En']) {
      await rpc.call(
        MembersRpc.createMember,
        { idempotencyKey: null, input: memberInput(team.id, { name }) },
        context(),
      );
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await rpc.call(
        MembersRpc.listMembers,
        { teamId: team.id, limit: 2, sort: '-name', ...(cursor ? { cursor } : {}) },
        context(),
      );
      seen.push(...page.items.map((member) => member.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(seen).toEqual(['En', 'Deng', 'Cai', 'Bo', 'Ai']);
  });

  it('publishes members.member.hired through the outbox, with the request id', async () => {
    const team = await newTeam();
    const requestId = randomUUID();
    const member = await rpc.call(
      MembersRpc.createMember,
      { idempotencyKey: null, input: memberInput(team.id) },
      { requestId, identity: director },
    );

    const consumer = await jetstream(nc).consumers.get('SALESOPS_MEMBERS');
    const event = await waitFor(
      async () => {
        const messages = await consumer.fetch({ max_messages: 200, expires: 1000 });
        for await (const message of messages) {
          const envelope = message.json<{ subject: string }>();
          if (envelope.subject === member.id) return envelope;
        }
        return undefined;
      },
      { what: 'the hired event' },
    );

    expect(event).toMatchObject({
      type: 'members.member.hired',
      source: 'members',
      version: 1,
      subject: member.id,
      actor: caller.id,
      requestId,
      data: { memberId: member.id, teamId: team.id, employeeNo: member.employeeNo },
    });
    expect(JSON.stringify(event)).not.toContain('"phone"');
  });

  describe('contact data at rest', () => {
    const db = () => new Pool({ connectionString: testDatabaseBaseUrl(), max: 1 });
    const reencrypt = (activeKey: string) =>
      run(process.execPath, [join(__dirname, '../dist/contact-keys/reencrypt-contacts.js')], {
        env: {
          ...process.env,
          ...TEST_CONTACT_KEYS,
          CONTACT_ACTIVE_KEY: activeKey,
          MEMBERS_DATABASE_URL: testDatabaseUrl('members'),
        },
      });

    it('stores contact fields sealed with a key id, and re-encrypts them under a new key', async () => {
      const team = await newTeam();
      const member = await rpc.call(
        MembersRpc.createMember,
        {
          idempotencyKey: null,
          input: memberInput(team.id, { phone: '13812345678', email: 'li@example.com' }),
        },
        context(),
      );
      const pool = db();
      try {
        const stored = async () =>
          (
            await pool.query<{ phone: string; email: string; phoneIndex: string }>(
              `SELECT phone, email, "phoneIndex" FROM members.member WHERE id = $1`,
              [member.id],
            )
          ).rows[0];
        const before = await stored();
        expect(before?.phone).toMatch(/^v2\.test1\./);
        expect(JSON.stringify(before)).not.toContain('13812345678');
        expect(before?.phoneIndex).toHaveLength(43);

        expect((await reencrypt('test2')).stdout).toMatch(
          /^re-encrypted \d+ members, \d+ candidates/,
        );
        expect((await stored())?.phone).toMatch(/^v2\.test2\./);
        expect(await rpc.call(MembersRpc.getMember, { id: member.id }, context())).toMatchObject({
          phone: '13812345678',
          email: 'li@example.com',
        });
        await reencrypt('test1');
        expect((await stored())?.phone).toMatch(/^v2\.test1\./);
      } finally {
        await pool.end();
      }
    });

    it('binds a sealed value to its row: copied to another member it does not open', async () => {
      const team = await newTeam();
      const hire = (phone: string) =>
        rpc.call(
          MembersRpc.createMember,
          { idempotencyKey: null, input: memberInput(team.id, { phone }) },
          context(),
        );
      const [owner, other] = [await hire('13812340001'), await hire('13812340002')];
      const pool = db();
      try {
        await pool.query(
          `UPDATE members.member SET phone = (SELECT phone FROM members.member WHERE id = $1)
           WHERE id = $2`,
          [owner.id, other.id],
        );
      } finally {
        await pool.end();
      }
      await expect(
        rpc.call(MembersRpc.getMember, { id: other.id }, context()),
      ).rejects.toBeDefined();
      expect(await rpc.call(MembersRpc.getMember, { id: owner.id }, context())).toMatchObject({
        phone: '13812340001',
      });
      const cleanup = db();
      try {
        await cleanup.query(`UPDATE members.member SET phone = NULL WHERE id = $1`, [other.id]);
      } finally {
        await cleanup.end();
      }
    });

    it('re-encrypts values sealed before they were bound to their row', async () => {
      const team = await newTeam();
      const member = await rpc.call(
        MembersRpc.createMember,
        { idempotencyKey: null, input: memberInput(team.id, {}) },
        context(),
      );
      const key = FieldCipher.parseKeys(TEST_CONTACT_KEYS.CONTACT_KEYS).get('test1') as Buffer;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from('test1'));
      const body = Buffer.concat([cipher.update('13900001111', 'utf8'), cipher.final()]);
      const unbound = ['v1', 'test1', iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
      const pool = db();
      try {
        await pool.query(`UPDATE members.member SET phone = $1 WHERE id = $2`, [
          unbound,
          member.id,
        ]);
        expect(await rpc.call(MembersRpc.getMember, { id: member.id }, context())).toMatchObject({
          phone: '13900001111',
        });
        await reencrypt('test1');
        const { rows } = await pool.query<{ phone: string }>(
          `SELECT phone FROM members.member WHERE id = $1`,
          [member.id],
        );
        expect(rows[0]?.phone).toMatch(/^v2\.test1\./);
        expect(await rpc.call(MembersRpc.getMember, { id: member.id }, context())).toMatchObject({
          phone: '13900001111',
        });
      } finally {
        await pool.end();
      }
    });
  });

  describe('who may see and do what', () => {
    const identityOf = (
      roles: IdentityClaims['caller']['roles'],
      scope: IdentityClaims['scope'],
      permissions: IdentityClaims['permissions'] = ['teams:read', 'members:read', 'members:write'],
    ): IdentityClaims => ({
      caller: {
        kind: 'user',
        id: randomUUID(),
        memberId: scope.memberId,
        teamId: scope.teamIds[0] ?? null,
        roles,
      },
      permissions,
      scope,
    });
    const hire = (teamId: string, overrides: Partial<CreateMemberInput> = {}) =>
      rpc.call(
        MembersRpc.createMember,
        { idempotencyKey: null, input: memberInput(teamId, overrides) },
        context(),
      );
    const rawRequest = async (token: string | undefined) => {
      const messageHeaders = headers();
      if (token) messageHeaders.set(RpcHeader.identity, token);
      const reply = await nc.request(
        MembersRpc.getMember.subject,
        JSON.stringify({
          pattern: MembersRpc.getMember.subject,
          id: randomUUID(),
          data: { id: randomUUID() },
        }),
        { timeout: 5000, headers: messageHeaders },
      );
      return reply.json<{ err?: { code: string }; response?: unknown }>();
    };

    it.each([
      ['no identity', () => undefined],
      [
        'an identity signed with another key',
        () =>
          new IdentitySigner(generateKeyPairSync('ed25519').privateKey).sign(
            director,
            MembersRpc.getMember.subject,
          ),
      ],
      ['an identity for another service', () => signer.sign(director, 'orders.order.get.v1')],
      ['an expired identity', () => expiredToken(director)],
      ['a tampered identity', () => tamper(signer.sign(director, MembersRpc.getMember.subject))],
      [
        'an identity signed for another subject of this service',
        () => signer.sign(director, MembersRpc.transferMember.subject),
      ],
    ])('refuses a raw message with %s', async (_, token) => {
      expect((await rawRequest(token()))?.err?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses the same identity sent again: a replayed message changes nothing', async () => {
      const team = await newTeam();
      const token = signer.sign(director, MembersRpc.createMember.subject);
      const send = async () =>
        (
          await nc.request(
            MembersRpc.createMember.subject,
            JSON.stringify({
              pattern: MembersRpc.createMember.subject,
              id: randomUUID(),
              data: { idempotencyKey: null, input: memberInput(team.id) },
            }),
            { timeout: 5000, headers: identityHeaders(token) },
          )
        ).json<{ err?: { code: string; message: string }; response?: unknown }>();
      expect((await send()).response).toMatchObject({ teamId: team.id });
      expect((await send()).err).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Refused: replayed identity',
      });
      const roster = await rpc.call(MembersRpc.listMembers, { teamId: team.id }, context());
      expect(roster.items).toHaveLength(1);
    });

    it("refuses what a service signed with the services' key, for itself or for a user, where the subject allows no background caller", async () => {
      const services = new IdentitySigner(
        privateKeyFromBase64(TEST_SERVICES_KEYS.SERVICE_IDENTITY_PRIVATE_KEY),
      );
      const itself = services.sign(
        backgroundIdentity('members', ['members:read']),
        MembersRpc.getMember.subject,
      );
      expect((await rawRequest(itself))?.err?.code).toBe('FORBIDDEN');
      expect(
        (await rawRequest(services.sign(director, MembersRpc.getMember.subject)))?.err?.code,
      ).toBe('UNAUTHENTICATED');
    });

    it('refuses a caller without the permission of the subject', async () => {
      const team = await newTeam();
      const readOnly = identityOf(['sales_rep'], { kind: 'company', teamIds: [], memberId: null }, [
        'members:read',
      ]);
      const error = await errorOf(
        rpc.call(
          MembersRpc.createMember,
          { idempotencyKey: null, input: memberInput(team.id) },
          context(readOnly),
        ),
      );
      expect(error.code).toBe('FORBIDDEN');
      expect(await membersOfTeam(team.id)).toHaveLength(0);
    });

    it('lets a leader reach their subtree only, and answers not found for the rest', async () => {
      const east = await newTeam();
      const eastOne = await rpc.call(
        MembersRpc.createTeam,
        {
          idempotencyKey: null,
          input: { name: `Sub ${randomUUID()}`, kind: 'other', parentId: east.id },
        },
        context(),
      );
      const west = await newTeam();
      const inside = await hire(eastOne.id);
      const outside = await hire(west.id);
      const { teamIds } = await rpc.call(MembersRpc.teamSubtree, { id: east.id }, context());
      expect(teamIds.sort()).toEqual([east.id, eastOne.id].sort());
      const leader = identityOf(['team_leader'], {
        kind: 'subtree',
        teamIds,
        memberId: randomUUID(),
      });

      expect(
        await rpc.call(MembersRpc.getMember, { id: inside.id }, context(leader)),
      ).toMatchObject({ id: inside.id });
      expect(
        (await errorOf(rpc.call(MembersRpc.getMember, { id: outside.id }, context(leader)))).code,
      ).toBe('MEMBER_NOT_FOUND');
      const update = rpc.call(
        MembersRpc.updateMember,
        { id: outside.id, expectedVersion: null, patch: { name: 'Hijacked' } },
        context(leader),
      );
      expect((await errorOf(update)).code).toBe('MEMBER_NOT_FOUND');
      expect(
        (
          await errorOf(
            rpc.call(
              MembersRpc.createMember,
              { idempotencyKey: null, input: memberInput(west.id) },
              context(leader),
            ),
          )
        ).code,
      ).toBe('MEMBER_TEAM_NOT_FOUND');
      const listed = await rpc.call(
        MembersRpc.listMembers,
        { teamId: west.id, limit: 100 },
        context(leader),
      );
      expect(listed.items).toEqual([]);
      expect(
        (await errorOf(rpc.call(MembersRpc.getTeam, { id: west.id }, context(leader)))).code,
      ).toBe('TEAM_NOT_FOUND');
      expect(await rpc.call(MembersRpc.getMember, { id: outside.id }, context())).toMatchObject({
        name: outside.name,
      });
    });

    it('lets a sales rep see themself only', async () => {
      const team = await newTeam();
      const me = await hire(team.id);
      const colleague = await hire(team.id);
      const rep = identityOf(['sales_rep'], { kind: 'own', teamIds: [team.id], memberId: me.id });

      expect(await rpc.call(MembersRpc.getMember, { id: me.id }, context(rep))).toMatchObject({
        id: me.id,
      });
      expect(
        (await errorOf(rpc.call(MembersRpc.getMember, { id: colleague.id }, context(rep)))).code,
      ).toBe('MEMBER_NOT_FOUND');
      const listed = await rpc.call(
        MembersRpc.listMembers,
        { teamId: team.id, limit: 100 },
        context(rep),
      );
      expect(listed.items.map((member) => member.id)).toEqual([me.id]);
    });

    it('masks contact fields for those who may not read them in clear', async () => {
      const team = await newTeam();
      const member = await hire(team.id, {
        phone: '13812345678',
        email: 'qian.yu@example.com',
        wechatId: 'wx_qianyu7',
      });
      const hr = identityOf(['hr'], { kind: 'company', teamIds: [], memberId: randomUUID() });
      const themself = identityOf(['sales_rep'], {
        kind: 'own',
        teamIds: [team.id],
        memberId: member.id,
      });

      const seenByHr = await rpc.call(MembersRpc.getMember, { id: member.id }, context(hr));
      const seenByThemself = await rpc.call(
        MembersRpc.getMember,
        { id: member.id },
        context(themself),
      );
      const listedForHr = await rpc.call(
        MembersRpc.listMembers,
        { teamId: team.id, limit: 10 },
        context(hr),
      );

      expect(seenByHr).toMatchObject({
        phone: '138****5678',
        email: 'q***@example.com',
        wechatId: 'w***7',
      });
      expect(listedForHr.items[0]).toMatchObject({ phone: '138****5678' });
      expect(seenByThemself).toMatchObject({ phone: '13812345678', email: 'qian.yu@example.com' });
      expect(member).toMatchObject({ phone: '13812345678' });
    });

    it('reads one member in clear only where allowed: masked on request, 403 rather than masked', async () => {
      const team = await newTeam();
      const member = await hire(team.id, { phone: '13812345679' });
      const hr = identityOf(['hr'], { kind: 'company', teamIds: [], memberId: randomUUID() });
      const read = (identity: IdentityClaims, contact: 'masked' | 'clear') =>
        rpc.call(MembersRpc.getMember, { id: member.id, contact }, context(identity));

      expect((await read(director, 'clear')).phone).toBe('13812345679');
      expect((await read(director, 'masked')).phone).toBe('138****5679');
      expect((await errorOf(read(hr, 'clear'))).code).toBe('CONTACT_CLEAR_FORBIDDEN');
    });
  });
});

function identityHeaders(token: string) {
  const result = headers();
  result.set(RpcHeader.identity, token);
  return result;
}

function tamper(token: string): string {
  const [binding, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as IdentityClaims;
  claims.scope = { kind: 'company', teamIds: [], memberId: null };
  claims.caller.id = 'someone-else';
  return `${binding}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

function expiredToken(identity: IdentityClaims): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode({
    sub: MembersRpc.getMember.subject,
    aud: 'members',
    jti: randomUUID(),
    exp: Math.floor(Date.now() / 1000) - 10,
  })}.${encode(identity)}`;
  const signature = sign(
    null,
    Buffer.from(signed),
    privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey),
  );
  return `${signed}.${signature.toString('base64url')}`;
}

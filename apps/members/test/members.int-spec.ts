import { jetstream } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import { type CreateMemberInput, MembersRpc, type Team } from '@salesops/members-contracts';
import { type Caller, DomainError, RpcClient, RpcHeader } from '@salesops/rpc';
import { ServiceProcess, waitFor } from '@salesops/testing';

const natsUrl = process.env['TEST_NATS_URL'] as string;

describe('members service over NATS', () => {
  let sut: ServiceProcess;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const caller: Caller = {
    kind: 'user',
    id: randomUUID(),
    memberId: null,
    teamId: null,
    roles: ['director'],
  };
  const context = () => ({ requestId: randomUUID(), caller });

  beforeAll(async () => {
    sut = await ServiceProcess.start('members', { natsUrl });
    nc = await connect({ servers: natsUrl });
    rpc = new RpcClient(nc);
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

  const errorOf = (work: Promise<unknown>) =>
    work.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        return error;
      },
    );

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
    expect(member.probationEndsAt).toBe('2026-03-11T00:00:00.000Z');
    expect(await rpc.call(MembersRpc.getMember, { id: member.id }, context())).toEqual(member);
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
      { timeout: 5000, headers: callerHeaders(caller) },
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
      { requestId, caller },
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
});

function callerHeaders(caller: Caller) {
  const result = headers();
  result.set(RpcHeader.caller, JSON.stringify(caller));
  return result;
}

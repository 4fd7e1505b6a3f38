import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import {
  MembersEvents,
  MembersRpc,
  type OwnTeamSettings,
  type Team,
  type TeamSettings,
} from '@salesops/members-contracts';
import {
  type IdentityClaims,
  IdentitySigner,
  privateKeyFromBase64,
  RpcClient,
  type RpcRequest,
} from '@salesops/rpc';
import { ServiceProcess, TEST_IDENTITY_KEYS, waitFor } from '@salesops/testing';

const natsUrl = process.env['TEST_NATS_URL'] as string;

interface TeamChanged {
  subject: string;
  data: {
    teamId: string;
    change: string;
    parentId: string | null;
    leaderId: string | null;
    viceLeaderId: string | null;
    settings: TeamSettings;
  };
}

describe('team settings, inherited down the tree and carried by members.team.changed', () => {
  let sut: ServiceProcess;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const director: IdentityClaims = {
    caller: { kind: 'user', id: randomUUID(), memberId: null, teamId: null, roles: ['director'] },
    permissions: ['teams:read', 'teams:write'],
    scope: { kind: 'company', teamIds: [], memberId: null },
  };
  const context = () => ({ requestId: randomUUID(), identity: director });

  beforeAll(async () => {
    sut = await ServiceProcess.start('members', { natsUrl });
    nc = await connect({ servers: natsUrl });
    rpc = new RpcClient(
      nc,
      undefined,
      new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey)),
    );
  });

  afterAll(async () => {
    await nc?.close();
    await sut?.stop();
  });

  const newTeam = (parentId: string | null, settings: OwnTeamSettings = {}): Promise<Team> =>
    rpc.call(
      MembersRpc.createTeam,
      {
        idempotencyKey: null,
        input: { name: `Team ${randomUUID()}`, kind: 'online_sales', parentId, settings },
      },
      context(),
    );
  const patchTeam = (id: string, patch: RpcRequest<typeof MembersRpc.updateTeam>['patch']) =>
    rpc.call(MembersRpc.updateTeam, { id, expectedVersion: null, patch }, context());
  const getTeam = (id: string) => rpc.call(MembersRpc.getTeam, { id }, context());

  /** A company, a department under it, a team under that, and a sibling team with its own values. */
  const threeLevels = async () => {
    const company = await newTeam(null, { probationDays: 60, revisitEveryDays: 120 });
    const department = await newTeam(company.id, { probationDays: 45 });
    const team = await newTeam(department.id);
    const sibling = await newTeam(department.id, {
      visitOverdueDays: 2,
      probationMinSalesAmount: '1000.00',
    });
    return { company, department, team, sibling };
  };

  it("gives a team its own values over its parent's effective ones over the defaults", async () => {
    const { team, sibling } = await threeLevels();

    expect(team.settings).toMatchObject({
      probationDays: 45,
      revisitEveryDays: 120,
      revisitAfterDeliveryDays: 7,
      visitOverdueDays: 3,
      poolWarnDays: 3,
      remedialCourseId: null,
      probationMinSalesAmount: null,
      gradeBands: { S: 90, A: 80, B: 70, C: 60 },
      commissionRule: { kind: 'rate', rate: '0' },
    });
    expect(team.ownSettings).toEqual({});
    expect((await getTeam(sibling.id)).settings).toMatchObject({
      probationDays: 45,
      visitOverdueDays: 2,
    });
  });

  it('lets a team inherit again a value it had set', async () => {
    const { department, sibling } = await threeLevels();
    await patchTeam(department.id, { settings: { visitOverdueDays: 6 } });

    const inheriting = await patchTeam(sibling.id, { inheritSettings: ['visitOverdueDays'] });

    expect(inheriting.settings.visitOverdueDays).toBe(6);
    expect(inheriting.ownSettings).toEqual({ probationMinSalesAmount: '1000.00' });
  });

  it("announces a parent's change to every team below whose effective settings it changes", async () => {
    const since = new Date().toISOString();
    const { company, department, team, sibling } = await threeLevels();
    const leaderId = randomUUID();
    await patchTeam(team.id, { leaderId });

    await patchTeam(company.id, {
      settings: { visitOverdueDays: 5, probationMinSalesAmount: '8000.00' },
    });

    const ours = new Set([company.id, department.id, team.id, sibling.id]);
    const seen: TeamChanged[] = [];
    const consumer = await jetstream(nc).consumers.get('SALESOPS_MEMBERS', {
      filter_subjects: MembersEvents.teamChanged.busSubject,
      opt_start_time: since,
    });
    await waitFor(
      async () => {
        for await (const message of await consumer.fetch({ max_messages: 100, expires: 1000 })) {
          const event = message.json<TeamChanged>();
          if (ours.has(event.subject)) seen.push(event);
        }
        return seen.some((e) => e.subject === team.id && e.data.change === 'inherited');
      },
      { what: 'the inherited change of the team below' },
    );

    const inherited = seen.filter((event) => event.data.change === 'inherited');
    expect(inherited.map((event) => event.subject).sort()).toEqual([department.id, team.id].sort());
    const ofTeam = inherited.find((event) => event.subject === team.id);
    expect(ofTeam?.data).toMatchObject({
      teamId: team.id,
      parentId: department.id,
      leaderId,
      viceLeaderId: null,
      settings: {
        probationDays: 45,
        revisitEveryDays: 120,
        visitOverdueDays: 5,
        probationMinSalesAmount: '8000.00',
      },
    });
    const ofCompany = seen.filter((event) => event.subject === company.id).at(-1);
    expect(ofCompany?.data).toMatchObject({
      change: 'updated',
      parentId: null,
      settings: { visitOverdueDays: 5, probationDays: 60 },
    });
  });
});

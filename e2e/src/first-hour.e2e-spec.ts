import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';

import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const DAY_MS = 24 * 60 * 60 * 1000;
const calendar = new CompanyCalendar('Asia/Shanghai');
/** Noon in Asia/Shanghai: the stack's time runs on from here, far from the day's turn. */
const NOON = new Date('2026-12-02T04:00:00.000Z');

/** What a newcomer meets first, through the gateway. */
describe("a newcomer's first hour", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, { RATE_LIMIT_PER_MINUTE: '100000' });
    stack.runClockFrom(NOON);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('leads from / to the documentation', async () => {
    const root = await stack.http().get('/').expect(302);
    expect(root.headers['location']).toBe('/docs');
  });

  it('lists the entry points at /api/v1, without a token', async () => {
    const index = await stack.http().get('/api/v1').expect(200);
    const body = index.body as {
      docs: string;
      openapi: string;
      signIn: string;
      entryPoints: { path: string; summary: string; tag: string }[];
    };

    expect(body).toMatchObject({ docs: '/docs', openapi: '/docs/openapi.json' });
    expect(body.signIn).toContain('/api/v1/auth/login');
    const paths = body.entryPoints.map((entry) => entry.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/teams', '/api/v1/members', '/api/v1/me/tasks']),
    );
    expect(paths.some((path) => path.includes('{'))).toBe(false);
    expect(body.entryPoints.find((entry) => entry.path === '/api/v1/teams')?.tag).toBe('teams');
  });

  it('tells a suspended user who gives the right password that the account is suspended', async () => {
    const { username, password } = await stack.user(['sales_rep']);
    await stack.sql(`UPDATE gateway."user" SET active = false WHERE username = $1`, [username]);
    const login = (secret: string) =>
      stack.http().post('/api/v1/auth/login').send({ username, password: secret });

    expect((await login(password).expect(403)).body.code).toBe('ACCOUNT_SUSPENDED');
    expect((await login(`${password}-wrong`).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
  });

  describe('requests about oneself', () => {
    let director: string;
    let teamId: string;
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const post = (token: string, path: string, body: object) =>
      stack.http().post(`/api/v1${path}`).set(as(token)).send(body);
    /** The company's day `offset` days after the stack's today, as its services count days. */
    const day = (offset: number) =>
      calendar.dayOf(new Date(stack.now().getTime() + offset * DAY_MS));
    const member = async (overrides: object = {}) =>
      (
        (
          await post(director, '/members', {
            employeeNo: `F-${randomUUID().slice(0, 8)}`,
            name: 'He Jing',
            teamId,
            position: 'sales_rep',
            track: 'professional',
            level: 'sales_rep',
            ...overrides,
          }).expect(201)
        ).body as { id: string }
      ).id;

    beforeAll(async () => {
      director = (await stack.userWithToken(['director'])).token;
      teamId = (
        (
          await post(director, '/teams', {
            name: `First hour ${randomUUID()}`,
            kind: 'online_sales',
          }).expect(201)
        ).body as { id: string }
      ).id;
    });

    it("files one's own leave without naming oneself, and refuses past or overlapping leave", async () => {
      const memberId = await member();
      const rep = (await stack.userWithToken(['sales_rep'], memberId, teamId)).token;
      const ask = (startsOn: string, endsOn: string) =>
        post(rep, '/leave-requests', { kind: 'annual', startsOn, endsOn, reason: 'rest' });

      const own = await ask(day(10), day(12)).expect(201);
      expect(own.body).toMatchObject({ memberId, status: 'pending' });

      expect((await ask(day(-1), day(1)).expect(422)).body.code).toBe('LEAVE_IN_PAST');
      expect((await ask(day(12), day(14)).expect(422)).body.code).toBe('LEAVE_OVERLAPS');
      expect((await ask(day(0), day(0)).expect(201)).body).toMatchObject({ startsOn: day(0) });
      expect((await ask(day(13), day(14)).expect(201)).body).toMatchObject({ memberId });
    });

    it('lets a rejection say why, and names the leader who decided by member id', async () => {
      const memberId = await member();
      const leaderMemberId = await member({
        position: 'team_leader',
        track: 'management',
        level: 'team_leader',
      });
      const leader = (await stack.userWithToken(['team_leader'], leaderMemberId, teamId)).token;
      const rep = (await stack.userWithToken(['sales_rep'], memberId, teamId)).token;
      const ask = async () =>
        (
          (
            await post(rep, '/leave-requests', {
              kind: 'personal',
              startsOn: day(40),
              endsOn: day(41),
              reason: 'travel',
            }).expect(201)
          ).body as { id: string }
        ).id;

      const first = await ask();
      const rejected = await post(leader, `/leave-requests/${first}/reject`, {
        reason: 'the quarter closes that week',
      }).expect(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        decidedBy: leaderMemberId,
        rejectionReason: 'the quarter closes that week',
      });
      const second = await ask();
      const silent = await stack
        .http()
        .post(`/api/v1/leave-requests/${second}/reject`)
        .set(as(leader))
        .expect(200);
      expect(silent.body).toMatchObject({ status: 'rejected', rejectionReason: null });
      const mine = await stack.http().get('/api/v1/leave-requests').set(as(rep)).expect(200);
      expect(
        (mine.body as { items: { id: string; rejectionReason?: string | null }[] }).items.find(
          (item) => item.id === first,
        )?.rejectionReason,
      ).toBe('the quarter closes that week');
    });

    it('asks a caller who is no member to name whose leave it is', async () => {
      const refused = await post(director, '/leave-requests', {
        kind: 'annual',
        startsOn: day(3),
        endsOn: day(3),
        reason: 'rest',
      }).expect(422);
      expect(refused.body.code).toBe('LEAVE_MEMBER_REQUIRED');
    });

    it('shows whoever issues a fine its amount, and other leaders not; names the issuer by member id', async () => {
      const memberId = await member();
      const leaderMemberId = await member({
        position: 'team_leader',
        track: 'management',
        level: 'team_leader',
      });
      const issuer = (await stack.userWithToken(['team_leader'], leaderMemberId, teamId)).token;
      const otherLeader = (await stack.userWithToken(['team_leader'], null, teamId)).token;

      const fine = await post(issuer, `/members/${memberId}/sanctions`, {
        kind: 'fine',
        reason: 'late',
        amount: '150.00',
      }).expect(201);

      expect(fine.body).toMatchObject({ amount: '150.00', issuedBy: leaderMemberId });
      const records = (token: string) =>
        stack.http().get(`/api/v1/members/${memberId}/records`).set(as(token)).expect(200);
      const item = (body: unknown) =>
        (body as { items: { id: string; amount?: string }[] }).items[0];
      expect(item((await records(issuer)).body)?.amount).toBe('150.00');
      expect(item((await records(otherLeader)).body)?.amount).toBeUndefined();
    });

    it('refuses contact data in clear to whoever may not read it, rather than masking it', async () => {
      const hr = (await stack.userWithToken(['hr'])).token;
      const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
      const list = (token: string) =>
        stack.http().get(`/api/v1/members?teamId=${teamId}&contact=clear`).set(as(token));

      expect((await list(hr).expect(403)).body.code).toBe('CONTACT_CLEAR_FORBIDDEN');
      await list(leader).expect(200);
      await stack.http().get(`/api/v1/members?teamId=${teamId}`).set(as(hr)).expect(200);
    });

    it("records a meeting of one's own team without naming it", async () => {
      const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;

      const meeting = await post(leader, '/meetings', {
        kind: 'morning',
        heldOn: day(0),
      }).expect(201);

      expect(meeting.body).toMatchObject({ teamId, kind: 'morning' });
    });
  });
});

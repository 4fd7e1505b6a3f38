import { randomUUID } from 'node:crypto';

import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

interface Member {
  id: string;
  teamId: string;
  position: string;
  level: string;
  status: string;
  version: number;
}

/**
 * No one raises their own or anyone's authority beyond their own, and no one decides a matter
 * about themself: each refusal is a 403 with a stable code, and changes nothing.
 */
describe('authority bounded by the caller’s own', () => {
  let stack: Stack;
  let director: string;
  let teamId: string;
  /** A team leader who signs in as a member of the team, like the demo's leader.east1. */
  let leader: { member: Member; token: string };

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  const hire = async (
    position: string,
    level: string,
    track = 'professional',
    token = director,
  ): Promise<Member> =>
    (
      await stack
        .http()
        .post('/api/v1/members')
        .set(as(token))
        .send({
          employeeNo: `A-${randomUUID().slice(0, 8)}`,
          name: 'Qi Ming',
          teamId,
          position,
          track,
          level,
        })
        .expect(201)
    ).body as Member;

  const signedIn = async (member: Member, role: string) => ({
    member,
    token: (await stack.userWithToken([role], member.id, teamId)).token,
  });

  const post = (token: string, path: string, body: object = {}) =>
    stack.http().post(`/api/v1${path}`).set(as(token)).send(body);

  const read = async (id: string) =>
    (await stack.http().get(`/api/v1/members/${id}`).set(as(director)).expect(200)).body as Member;

  const placements = async (id: string) =>
    (
      (await stack.http().get(`/api/v1/members/${id}/placements`).set(as(director)).expect(200))
        .body as { items: unknown[] }
    ).items;

  const records = async (id: string) =>
    (
      (await stack.http().get(`/api/v1/members/${id}/records`).set(as(director)).expect(200))
        .body as { items: { id: string; status: string }[] }
    ).items;

  const refusal = (response: { status: number; body: { code?: string } }) => ({
    status: response.status,
    code: response.body.code,
  });
  const ABOVE = { status: 403, code: 'ABOVE_OWN_AUTHORITY' };
  const SELF = { status: 403, code: 'SELF_DECISION' };

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    director = (await stack.userWithToken(['director'])).token;
    teamId = (
      (
        await stack
          .http()
          .post('/api/v1/teams')
          .set(as(director))
          .send({ name: `Authority ${randomUUID()}`, kind: 'wechat_commerce' })
          .expect(201)
      ).body as { id: string }
    ).id;
    leader = await signedIn(await hire('team_leader', 'team_leader', 'management'), 'team_leader');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('positions', () => {
    it('refuses a leader who makes themself director, and changes nothing', async () => {
      const before = await read(leader.member.id);
      const raised = await post(leader.token, `/members/${leader.member.id}/transfer`, {
        teamId,
        position: 'director',
      });
      expect(refusal(raised)).toEqual(ABOVE);
      expect(await read(leader.member.id)).toEqual(before);
      expect(await placements(leader.member.id)).toHaveLength(1);
    });

    it('lets a leader move a rep below their own rank only, and never themself', async () => {
      const rep = await hire('sales_rep', 'sales_rep');
      for (const position of ['team_leader', 'manager', 'hr']) {
        const refused = await post(leader.token, `/members/${rep.id}/transfer`, {
          teamId,
          position,
        });
        expect({ position, ...refusal(refused) }).toEqual({ position, ...ABOVE });
      }
      expect(await read(rep.id)).toEqual(rep);
      await post(leader.token, `/members/${rep.id}/transfer`, {
        teamId,
        position: 'vice_leader',
      }).expect(200);

      const down = await post(leader.token, `/members/${leader.member.id}/transfer`, {
        teamId,
        position: 'sales_rep',
      });
      expect(refusal(down)).toEqual(SELF);
      expect((await read(leader.member.id)).position).toBe('team_leader');
    });

    it('refuses a vice leader who moves or departs their own leader', async () => {
      const vice = await signedIn(await hire('vice_leader', 'senior_sales_rep'), 'vice_leader');
      const colleague = await hire('sales_rep', 'sales_rep');
      const moved = await post(vice.token, `/members/${leader.member.id}/transfer`, {
        teamId,
        position: 'sales_rep',
      });
      expect(refusal(moved)).toEqual(ABOVE);
      const departed = await post(vice.token, `/members/${leader.member.id}/depart`, {
        reason: 'taking over',
        handoverTo: colleague.id,
      });
      expect(refusal(departed)).toEqual(ABOVE);
      expect(await read(leader.member.id)).toMatchObject({ position: 'team_leader' });
      expect((await read(leader.member.id)).status).not.toBe('departed');
    });

    it('hires below the hirer’s rank, and only a director hires managers, HR and finance', async () => {
      const name = `Refused ${randomUUID()}`;
      const attempt = (token: string, position: string, level: string, track = 'professional') =>
        post(token, '/members', {
          employeeNo: `R-${randomUUID().slice(0, 8)}`,
          name,
          teamId,
          position,
          track,
          level,
        });
      const manager = (await stack.userWithToken(['manager'], null, teamId)).token;
      const hr = (await stack.userWithToken(['hr'])).token;
      for (const [who, token, position, level, track] of [
        ['leader', leader.token, 'team_leader', 'team_leader', 'management'],
        ['leader', leader.token, 'sales_rep', 'manager', 'management'],
        ['leader', leader.token, 'sales_rep', 'principal_sales_rep', 'professional'],
        ['manager', manager, 'manager', 'manager', 'management'],
        ['manager', manager, 'hr', 'sales_rep', 'professional'],
        ['hr', hr, 'finance', 'sales_rep', 'professional'],
        ['hr', hr, 'director', 'director', 'management'],
      ] as const) {
        const refused = await attempt(token, position, level, track);
        expect({ who, position, level, ...refusal(refused) }).toEqual({
          who,
          position,
          level,
          ...ABOVE,
        });
      }
      const listed = await stack
        .http()
        .get(`/api/v1/members?teamId=${teamId}&limit=100`)
        .set(as(director))
        .expect(200);
      expect((listed.body as { items: { name: string }[] }).items.map((m) => m.name)).not.toContain(
        name,
      );

      await attempt(leader.token, 'sales_rep', 'senior_sales_rep').expect(201);
      await attempt(manager, 'team_leader', 'team_leader', 'management').expect(201);
      await attempt(director, 'hr', 'sales_rep').expect(201);
    });

    it('refuses to hire an application for a position above the hirer’s rank', async () => {
      const application = (
        await post(leader.token, '/applications', {
          candidateName: 'Ambitious Candidate',
          channel: 'referral',
          teamId,
          position: 'manager',
          track: 'management',
          level: 'manager',
        }).expect(201)
      ).body as { id: string };
      const step = (name: string, body: object = {}) =>
        post(leader.token, `/applications/${application.id}/${name}`, body);
      await step('screen').expect(200);
      await step('schedule-interview', {
        interviewerId: leader.member.id,
        at: new Date().toISOString(),
      }).expect(200);
      await step('record-interview', { score: 90, notes: 'strong' }).expect(200);
      const hired = await step('hire', { employeeNo: `H-${randomUUID().slice(0, 8)}` });
      expect(refusal(hired)).toEqual(ABOVE);
      const current = await stack
        .http()
        .get(`/api/v1/applications/${application.id}`)
        .set(as(director))
        .expect(200);
      expect(current.body).toMatchObject({ status: 'interviewed', memberId: null });
      await post(director, `/applications/${application.id}/hire`, {
        employeeNo: `H-${randomUUID().slice(0, 8)}`,
      }).expect(200);
    });
  });

  describe('own matters', () => {
    it('refuses a manager who decides the fine the director gave him', async () => {
      const manager = await signedIn(await hire('manager', 'manager', 'management'), 'manager');
      const fine = (
        await post(director, `/members/${manager.member.id}/sanctions`, {
          kind: 'fine',
          reason: 'missed the quarterly review',
          amount: '300.00',
        }).expect(201)
      ).body as { id: string };
      for (const decision of ['reject', 'approve']) {
        const own = await post(manager.token, `/sanctions/${fine.id}/${decision}`);
        expect({ decision, ...refusal(own) }).toEqual({ decision, ...SELF });
      }
      expect(await records(manager.member.id)).toEqual([
        expect.objectContaining({ id: fine.id, status: 'pending_approval' }),
      ]);
    });

    it('refuses a leader who commends or sanctions themself, or confirms their own probation', async () => {
      const commended = await post(leader.token, `/members/${leader.member.id}/commendations`, {
        kind: 'honor',
        reason: 'myself',
        amount: '99999.00',
      });
      expect(refusal(commended)).toEqual(SELF);
      const warned = await post(leader.token, `/members/${leader.member.id}/sanctions`, {
        kind: 'warning',
        reason: 'a token warning',
      });
      expect(refusal(warned)).toEqual(SELF);
      expect(await records(leader.member.id)).toEqual([]);

      const confirmed = await post(leader.token, `/members/${leader.member.id}/probation-review`, {
        decision: 'confirm',
        notes: 'I did well',
      });
      expect(refusal(confirmed)).toEqual(SELF);
      expect((await read(leader.member.id)).status).toBe('probation');
    });

    it('refuses HR who suspends or departs themself', async () => {
      const hr = await signedIn(await hire('hr', 'sales_rep'), 'hr');
      const colleague = await hire('sales_rep', 'sales_rep');
      expect(
        refusal(await post(hr.token, `/members/${hr.member.id}/suspend`, { reason: 'rest' })),
      ).toEqual(SELF);
      const departed = await post(hr.token, `/members/${hr.member.id}/depart`, {
        reason: 'leaving',
        handoverTo: colleague.id,
      });
      expect(refusal(departed)).toEqual(SELF);
      expect(await read(hr.member.id)).toEqual(hr.member);
    });

    it('refuses a manager who approves or rejects their own promotion, and changes nothing', async () => {
      // A level the manager stands above, so only the rule on own matters can refuse it.
      const manager = await signedIn(await hire('manager', 'sales_rep'), 'manager');
      const id = (
        (
          await post(manager.token, '/promotions', {
            memberId: manager.member.id,
            toLevel: 'senior_sales_rep',
            reason: 'my best year',
          }).expect(201)
        ).body as { id: string }
      ).id;
      await post(director, `/promotions/${id}/assess`, {
        performance: 80,
        teamwork: 80,
        growth: 80,
        recommend: true,
      }).expect(200);
      const promotion = async () =>
        (await stack.http().get(`/api/v1/promotions/${id}`).set(as(director)).expect(200)).body as {
          status: string;
          version: number;
          decision: unknown;
        };
      const before = await promotion();

      for (const decision of ['approve', 'reject']) {
        const own = await post(manager.token, `/promotions/${id}/${decision}`);
        expect({ decision, ...refusal(own) }).toEqual({ decision, ...SELF });
      }
      expect(await promotion()).toEqual(before);
      expect(before.status).toBe('assessed');
      // Witness: the same step by another manager goes through.
      const other = await signedIn(await hire('manager', 'manager', 'management'), 'manager');
      await post(other.token, `/promotions/${id}/approve`).expect(200);
    });

    it('refuses an applicant who rules on an objection to their own promotion', async () => {
      const hr = await signedIn(await hire('hr', 'sales_rep'), 'hr');
      const id = (
        (
          await post(hr.token, '/promotions', {
            memberId: hr.member.id,
            toLevel: 'senior_sales_rep',
            reason: 'two good years',
          }).expect(201)
        ).body as { id: string }
      ).id;
      await post(director, `/promotions/${id}/assess`, {
        performance: 80,
        teamwork: 80,
        growth: 80,
        recommend: true,
      }).expect(200);
      await post(director, `/promotions/${id}/approve`).expect(200);
      const objected = await post(leader.token, `/promotions/${id}/objections`, {
        reason: 'not yet',
      }).expect(200);
      const objectionId = (objected.body as { objections: { id: string }[] }).objections[0]?.id;

      const own = await post(hr.token, `/promotions/${id}/finalize`, {
        objectionId,
        upheld: false,
      });
      expect(refusal(own)).toEqual(SELF);
      const promotion = await stack
        .http()
        .get(`/api/v1/promotions/${id}`)
        .set(as(director))
        .expect(200);
      expect(promotion.body).toMatchObject({
        status: 'in_notice',
        objections: [{ id: objectionId, status: 'open' }],
      });
    });

    it('refuses HR who rules on the objection they filed themself', async () => {
      const hr = await signedIn(await hire('hr', 'sales_rep'), 'hr');
      const applicant = await hire('sales_rep', 'sales_rep');
      const id = (
        (
          await post(director, '/promotions', {
            memberId: applicant.id,
            toLevel: 'senior_sales_rep',
            reason: 'two good years',
          }).expect(201)
        ).body as { id: string }
      ).id;
      await post(leader.token, `/promotions/${id}/assess`, {
        performance: 80,
        teamwork: 80,
        growth: 80,
        recommend: true,
      }).expect(200);
      await post(director, `/promotions/${id}/approve`).expect(200);
      const objected = await post(hr.token, `/promotions/${id}/objections`, {
        reason: 'not yet',
      }).expect(200);
      const objectionId = (objected.body as { objections: { id: string }[] }).objections[0]?.id;

      const own = await post(hr.token, `/promotions/${id}/finalize`, {
        objectionId,
        upheld: true,
      });
      expect(refusal(own)).toEqual(SELF);
      const promotion = await stack
        .http()
        .get(`/api/v1/promotions/${id}`)
        .set(as(director))
        .expect(200);
      expect(promotion.body).toMatchObject({
        status: 'in_notice',
        objections: [{ id: objectionId, status: 'open' }],
      });
    });
  });

  describe('levels', () => {
    it('lets only someone above the new level approve a promotion to it', async () => {
      const supervisor = await hire('team_leader', 'supervisor', 'management');
      const manager = (await stack.userWithToken(['manager'], null, teamId)).token;
      const id = (
        (
          await post(director, '/promotions', {
            memberId: supervisor.id,
            toLevel: 'manager',
            reason: 'runs two teams',
          }).expect(201)
        ).body as { id: string }
      ).id;
      await post(manager, `/promotions/${id}/assess`, {
        performance: 90,
        teamwork: 90,
        growth: 90,
        recommend: true,
      }).expect(200);
      expect(refusal(await post(manager, `/promotions/${id}/approve`))).toEqual(ABOVE);
      const still = await stack
        .http()
        .get(`/api/v1/promotions/${id}`)
        .set(as(director))
        .expect(200);
      expect(still.body).toMatchObject({ status: 'assessed', decision: null });
      const approved = await post(director, `/promotions/${id}/approve`).expect(200);
      expect(approved.body.decision).toEqual({
        by: expect.any(String),
        at: expect.any(String),
        reason: null,
      });
    });
  });
});

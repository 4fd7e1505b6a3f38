import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';
import { OrdersRpc } from '@salesops/orders-contracts';
import { waitFor } from '@salesops/testing';

import { storedEnvelopes } from './support/bus';
import { Stack } from './support/stack';
import { testDb } from './support/test-db';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Noon in Asia/Shanghai: the stack's time runs on from here, far from the day's turn. */
const NOON = new Date('2026-12-02T04:00:00.000Z');
const calendar = new CompanyCalendar('Asia/Shanghai');
/** The company's day, `days` after the stack's today (as its services count days). */
let inDays: (days: number) => string = () => {
  throw new Error('the stack has not started');
};
/** The start of the company day `days` after the company day of `iso`. */
const companyDayAfter = (iso: string, days: number) =>
  calendar.startOfDay(calendar.addDays(calendar.dayOf(new Date(iso)), days)).toISOString();

interface Member {
  id: string;
  status: string;
  version: number;
  probationEndsAt: string | null;
  departedAt: string | null;
}

interface Envelope {
  type: string;
  subject: string;
  data: Record<string, unknown>;
}

/** Probation reviews, suspension and departure with handover, through the gateway. */
describe('a member from probation to departure', () => {
  let stack: Stack;
  let nats: NatsConnection;
  const db = testDb();
  let director: string;
  let leader: string;
  let hr: string;
  let teamId: string;

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  const hire = async (): Promise<Member> =>
    (
      await stack
        .http()
        .post('/api/v1/members')
        .set(as(director))
        .send({
          employeeNo: `L-${randomUUID().slice(0, 8)}`,
          name: 'Sun Li',
          teamId,
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
        })
        .expect(201)
    ).body as Member;

  const action = (token: string, memberId: string, name: string, body?: object) => {
    const call = stack.http().post(`/api/v1/members/${memberId}/${name}`).set(as(token));
    return body ? call.send(body) : call.send();
  };

  const read = async (memberId: string) =>
    (await stack.http().get(`/api/v1/members/${memberId}`).set(as(director)).expect(200))
      .body as Member;

  const eventsAbout = async (memberId: string) =>
    (await storedEnvelopes<Envelope>(nats, 'SALESOPS_MEMBERS')).filter(
      (event) => event.subject === memberId,
    );

  /** A user of the member who signs in, to see their session end. */
  const signedIn = async (memberId: string) =>
    (await stack.userWithToken(['sales_rep'], memberId, teamId)).token;

  const refusedSoon = (token: string) =>
    waitFor(
      async () =>
        (await stack.http().get('/api/v1/auth/me').set(as(token))).status === 401 || undefined,
      { what: 'the session to end' },
    );

  beforeAll(async () => {
    stack = await Stack.start(
      natsUrl,
      { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
      { DUE_SWEEP_MS: '300' },
    );
    stack.runClockFrom(NOON);
    inDays = (days) => calendar.dayOf(new Date(stack.now().getTime() + days * DAY_MS));
    nats = await connect({ servers: natsUrl });
    director = (await stack.userWithToken(['director'])).token;
    teamId = (
      (
        await stack
          .http()
          .post('/api/v1/teams')
          .set(as(director))
          .send({ name: `Lifecycle ${randomUUID()}`, kind: 'online_sales' })
          .expect(201)
      ).body as { id: string }
    ).id;
    leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    hr = (await stack.userWithToken(['hr'])).token;
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
    await db.end();
  });

  describe('recruitment', () => {
    const apply = async () =>
      (
        await stack
          .http()
          .post('/api/v1/applications')
          .set(as(leader))
          .send({
            candidateName: 'Zhou Qing',
            phone: '13700001111',
            channel: 'referral',
            resume: 'Three years of phone sales.',
            teamId,
            position: 'sales_rep',
            track: 'professional',
            level: 'sales_rep',
          })
          .expect(201)
      ).body as { id: string; status: string };
    const step = (id: string, name: string, body: object = {}) =>
      stack.http().post(`/api/v1/applications/${id}/${name}`).set(as(leader)).send(body);

    it('takes a candidate from application to a member in probation', async () => {
      const application = await apply();
      expect(application.status).toBe('submitted');
      await step(application.id, 'screen').expect(200);
      const interviewerId = randomUUID();
      const at = new Date(Date.now() + DAY_MS).toISOString();
      const scheduled = await step(application.id, 'schedule-interview', {
        interviewerId,
        at,
      }).expect(200);
      expect(scheduled.body.interview).toEqual({ interviewerId, at, score: null, notes: null });
      const interviewed = await step(application.id, 'record-interview', {
        score: 86,
        notes: 'clear, persistent',
      }).expect(200);
      expect(interviewed.body).toMatchObject({
        status: 'interviewed',
        interview: { interviewerId, at, score: 86, notes: 'clear, persistent' },
      });
      const hired = await step(application.id, 'hire', {
        employeeNo: `H-${randomUUID().slice(0, 8)}`,
      }).expect(200);
      expect(hired.body).toMatchObject({ status: 'hired', memberId: expect.any(String) });

      const member = await read(hired.body.memberId as string);
      expect(member.status).toBe('probation');
      // The hire day is the first of 30 company days; the probation ends as day 31 begins.
      expect(member.probationEndsAt).toBe(
        companyDayAfter((member as Member & { hiredAt: string }).hiredAt, 30),
      );
      const rejectedLate = await step(application.id, 'reject', { reason: 'changed mind' });
      expect(rejectedLate.status).toBe(409);

      const confirmed = await action(leader, member.id, 'probation-review', {
        decision: 'confirm',
        notes: 'a good first month',
      }).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'active' });
    });

    it('refuses a skipped step and bad input, and changes nothing', async () => {
      const application = await apply();
      const skipped = await step(application.id, 'hire', { employeeNo: 'H-SKIP-1' }).expect(409);
      expect(skipped.body.code).toBe('APPLICATION_STEP_NOT_ALLOWED');
      await step(application.id, 'screen').expect(200);
      await step(application.id, 'schedule-interview', {
        interviewerId: randomUUID(),
        at: new Date().toISOString(),
      }).expect(200);
      const badScore = await step(application.id, 'record-interview', { score: 101, notes: 'x' });
      expect(badScore.status).toBe(400);
      const current = await stack
        .http()
        .get(`/api/v1/applications/${application.id}`)
        .set(as(leader))
        .expect(200);
      expect(current.body).toMatchObject({ status: 'interview_scheduled', version: 3 });
      await step(application.id, 'reject', { reason: 'withdrew' }).expect(200);

      // A team that does not exist is refused, by the director (who reaches every team) too.
      const nowhere = await stack
        .http()
        .post('/api/v1/applications')
        .set(as(director))
        .send({
          candidateName: 'Nowhere Candidate',
          channel: 'referral',
          teamId: randomUUID(),
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
        })
        .expect(422);
      expect(nowhere.body.code).toBe('MEMBER_TEAM_NOT_FOUND');
      const listed = await stack.http().get('/api/v1/applications').set(as(director)).expect(200);
      expect(
        (listed.body as { items: { candidateName: string }[] }).items.map(
          (item) => item.candidateName,
        ),
      ).not.toContain('Nowhere Candidate');
    });

    it("is not found by another team's leader", async () => {
      const application = await apply();
      const elsewhere = (
        await stack
          .http()
          .post('/api/v1/teams')
          .set(as(director))
          .send({ name: `Elsewhere ${randomUUID()}`, kind: 'online_sales' })
          .expect(201)
      ).body as { id: string };
      const other = (await stack.userWithToken(['team_leader'], null, elsewhere.id)).token;
      await stack.http().get(`/api/v1/applications/${application.id}`).set(as(other)).expect(404);
      await stack
        .http()
        .post(`/api/v1/applications/${application.id}/screen`)
        .set(as(other))
        .send({})
        .expect(404);
      const listed = await stack.http().get('/api/v1/applications').set(as(other)).expect(200);
      expect((listed.body as { items: { id: string }[] }).items).toEqual([]);
    });

    it('rejects an application from every state before hired, and from none after', async () => {
      const interview = { interviewerId: randomUUID(), at: new Date().toISOString() };
      const steps: [string, object][] = [
        ['screen', {}],
        ['schedule-interview', interview],
        ['record-interview', { score: 70, notes: 'fine' }],
        ['hire', { employeeNo: `R-${randomUUID().slice(0, 8)}` }],
      ];
      const rejectedFrom: Record<string, unknown> = {};
      for (let taken = 0; taken < steps.length; taken += 1) {
        const application = await apply();
        for (const [name, body] of steps.slice(0, taken)) {
          await step(application.id, name, body).expect(200);
        }
        const before = await stack
          .http()
          .get(`/api/v1/applications/${application.id}`)
          .set(as(leader))
          .expect(200);
        const rejected = await step(application.id, 'reject', { reason: 'not a fit' });
        rejectedFrom[before.body.status as string] = {
          status: rejected.status,
          after: rejected.body.status,
        };
        // Rejected is final: no step, no second rejection.
        const [next, body] = steps[taken] as [string, object];
        expect((await step(application.id, next, body)).status).toBe(409);
        expect((await step(application.id, 'reject', { reason: 'again' })).status).toBe(409);
      }
      const rejected = { status: 200, after: 'rejected' };
      expect(rejectedFrom).toEqual({
        submitted: rejected,
        screened: rejected,
        interview_scheduled: rejected,
        interviewed: rejected,
      });
    });
  });

  describe('commendations and sanctions', () => {
    let manager: string;
    let otherManager: string;

    beforeAll(async () => {
      manager = (await stack.userWithToken(['manager'], null, teamId)).token;
      otherManager = (await stack.userWithToken(['manager'], null, teamId)).token;
    });

    const file = (token: string, memberId: string, kind: string, body: object) =>
      stack.http().post(`/api/v1/members/${memberId}/${kind}`).set(as(token)).send(body);
    const decide = (token: string, id: string, decision: string, body: object = {}) =>
      stack.http().post(`/api/v1/sanctions/${id}/${decision}`).set(as(token)).send(body);

    it('issues a commendation and a warning at once', async () => {
      const member = await hire();
      const award = await file(leader, member.id, 'commendations', {
        kind: 'sales_champion',
        reason: 'top of the month',
        amount: '500.00',
      }).expect(201);
      expect(award.body).toMatchObject({
        category: 'commendation',
        kind: 'sales_champion',
        status: 'issued',
        issuedBy: expect.any(String),
        approvedBy: null,
        issuedAt: expect.any(String),
      });
      const warning = await file(leader, member.id, 'sanctions', {
        kind: 'warning',
        reason: 'late twice',
      }).expect(201);
      expect(warning.body).toMatchObject({ status: 'issued' });
      await waitFor(
        async () => {
          const types = (await eventsAbout(member.id)).map((event) => event.type);
          return (
            types.includes('members.commendation.issued') &&
            types.includes('members.sanction.issued')
          );
        },
        { what: 'the record events' },
      );
    });

    it('holds a fine until a manager other than the issuer approves it, once', async () => {
      const member = await hire();
      const noAmount = await file(leader, member.id, 'sanctions', { kind: 'fine', reason: 'x' });
      expect(noAmount.status).toBe(400);
      const fine = await file(leader, member.id, 'sanctions', {
        kind: 'fine',
        reason: 'falsified a visit',
        amount: '200.00',
      }).expect(201);
      // Amounts are for the member, HR and the director, and for whoever set one.
      expect(fine.body).toMatchObject({ status: 'pending_approval', amount: '200.00' });
      await decide(leader, fine.body.id, 'approve').expect(403);

      const both = await Promise.all(
        [manager, otherManager].map((token) =>
          decide(token, fine.body.id, 'approve').set({ 'if-match': '"1"' }),
        ),
      );
      const statuses = both.map((response) => response.status).sort();
      expect(statuses[0]).toBe(200);
      expect([409, 412]).toContain(statuses[1]);
      const approved = both.find((response) => response.status === 200);
      expect(approved?.body).toMatchObject({ status: 'issued', approvedBy: expect.any(String) });

      const own = await file(manager, member.id, 'sanctions', {
        kind: 'fine',
        reason: 'again',
        amount: '50.00',
      }).expect(201);
      expect((await decide(manager, own.body.id, 'approve').expect(403)).body.code).toBe(
        'SANCTION_SELF_DECISION',
      );
      await decide(otherManager, own.body.id, 'reject').expect(200);
      expect((await decide(manager, own.body.id, 'approve').expect(409)).body.code).toBe(
        'SANCTION_ALREADY_DECIDED',
      );
    });

    it('shows amounts to the member, HR and the director, not to a leader who did not set them', async () => {
      const member = await hire();
      await file(hr, member.id, 'commendations', {
        kind: 'honor',
        reason: 'helped the team',
        amount: '80.00',
      }).expect(201);
      const amounts = async (token: string) =>
        (
          (
            await stack
              .http()
              .get(`/api/v1/members/${member.id}/records`)
              .set(as(token))
              .expect(200)
          ).body as { items: { amount?: string | null; reason?: string }[] }
        ).items.map((record) => record.amount);
      expect(await amounts(leader)).toEqual([undefined]);
      expect(await amounts(hr)).toEqual(['80.00']);
      expect(await amounts(director)).toEqual(['80.00']);
      expect(await amounts(await signedIn(member.id))).toEqual(['80.00']);
    });

    it('lowers the level one step on an approved demotion, and never below the first', async () => {
      const lowest = await hire();
      const refused = await file(leader, lowest.id, 'sanctions', {
        kind: 'demotion',
        reason: 'no',
      }).expect(422);
      expect(refused.body.code).toBe('DEMOTION_BELOW_LADDER');

      const senior = (
        await stack
          .http()
          .post('/api/v1/members')
          .set(as(director))
          .send({
            employeeNo: `S-${randomUUID().slice(0, 8)}`,
            name: 'Qin Hao',
            teamId,
            position: 'sales_rep',
            track: 'professional',
            level: 'senior_sales_rep',
          })
          .expect(201)
      ).body as Member;
      const demotion = await file(leader, senior.id, 'sanctions', {
        kind: 'demotion',
        reason: 'repeated complaints',
      }).expect(201);
      await decide(manager, demotion.body.id, 'approve').expect(200);
      expect(await read(senior.id)).toMatchObject({ level: 'sales_rep' });
    });

    it('departs a member on a dismissal a director approves, with the handover', async () => {
      const member = await hire();
      const colleague = await hire();
      const dismissal = await file(leader, member.id, 'sanctions', {
        kind: 'dismissal',
        reason: 'fraud',
      }).expect(201);
      const byManager = await decide(manager, dismissal.body.id, 'approve', {
        handoverTo: colleague.id,
      }).expect(403);
      expect(byManager.body.code).toBe('DISMISSAL_NEEDS_DIRECTOR');
      await decide(director, dismissal.body.id, 'approve', { handoverTo: colleague.id }).expect(
        200,
      );
      expect(await read(member.id)).toMatchObject({ status: 'departed' });
    });

    it('records a dismissal and the departure it causes together, or neither, when two directors decide at once', async () => {
      const otherDirector = (await stack.userWithToken(['director'])).token;
      const colleague = await hire();
      for (let round = 0; round < 3; round += 1) {
        const member = await hire();
        const dismissal = await file(leader, member.id, 'sanctions', {
          kind: 'dismissal',
          reason: 'fraud',
        }).expect(201);

        await Promise.all([
          decide(director, dismissal.body.id, 'approve', { handoverTo: colleague.id }),
          decide(otherDirector, dismissal.body.id, 'reject'),
        ]);

        const records = (
          await stack
            .http()
            .get(`/api/v1/members/${member.id}/records`)
            .set(as(director))
            .expect(200)
        ).body as { items: { id: string; status: string }[] };
        const status = records.items.find((record) => record.id === dismissal.body.id)?.status;
        const departed = (await read(member.id)).status === 'departed';
        expect({ status, departed }).toEqual(
          status === 'issued'
            ? { status: 'issued', departed: true }
            : { status: 'rejected', departed: false },
        );
      }
    });
  });

  describe('promotion', () => {
    const promote = (token: string, path: string, body?: object) =>
      stack
        .http()
        .post(`/api/v1/promotions${path}`)
        .set(as(token))
        .send(body ?? {});
    const promotionOf = async (id: string) =>
      (await stack.http().get(`/api/v1/promotions/${id}`).set(as(director)).expect(200)).body as {
        status: string;
        version: number;
        noticeEndsAt: string | null;
        objections: { id: string; status: string }[];
      };

    it('takes a rep through assessment, public notice and an objection to the next level, across a restart', async () => {
      const member = await hire();
      const rep = await signedIn(member.id);
      const colleague = await signedIn((await hire()).id);
      const manager = (await stack.userWithToken(['manager'], null, teamId)).token;

      const skipping = await promote(rep, '', {
        memberId: member.id,
        toLevel: 'principal_sales_rep',
        reason: 'ambition',
      }).expect(422);
      expect(skipping.body.code).toBe('PROMOTION_LEVEL_SKIPPED');
      const applied = await promote(rep, '', {
        memberId: member.id,
        toLevel: 'senior_sales_rep',
        reason: 'top three for six months',
      }).expect(201);
      expect(applied.body).toMatchObject({
        status: 'submitted',
        fromLevel: 'sales_rep',
        evidence: { commendations: [], sanctions: [] },
      });
      const id = applied.body.id as string;
      const second = await promote(leader, '', {
        memberId: member.id,
        toLevel: 'senior_sales_rep',
        reason: 'again',
      }).expect(409);
      expect(second.body.code).toBe('PROMOTION_ALREADY_OPEN');

      await promote(manager, `/${id}/approve`).expect(409);
      await promote(leader, `/${id}/assess`, {
        performance: 90,
        teamwork: 85,
        growth: 88,
        recommend: true,
      }).expect(200);
      const approved = await promote(manager, `/${id}/approve`).expect(200);
      expect(approved.body.status).toBe('in_notice');
      // Five whole company days after the day of the decision.
      expect(approved.body.noticeEndsAt).toBe(
        companyDayAfter(approved.body.decision.at as string, 6),
      );

      const objected = await promote(colleague, `/${id}/objections`, {
        reason: 'took my customer',
      }).expect(200);
      const [objection] = objected.body.objections as { id: string }[];
      await promote(hr, `/${id}/finalize`, {
        objectionId: (objection as { id: string }).id,
        upheld: false,
      }).expect(200);

      // The notice ends while the members service is down: it applies it when it is back.
      const members = stack.service('members');
      await members.stop();
      await stack.sql(
        `UPDATE members.promotion SET "noticeEndsAt" = now() - interval '1 minute' WHERE id = $1`,
        [id],
      );
      await members.spawn();
      await waitFor(async () => (await promotionOf(id)).status === 'effective', {
        what: 'the promotion to become effective',
      });
      expect(await read(member.id)).toMatchObject({ level: 'senior_sales_rep' });
      const effective = (await eventsAbout(member.id)).filter(
        (event) => event.type === 'members.promotion.effective',
      );
      expect(effective).toHaveLength(1);
    });

    it('takes one decision when two managers approve at once', async () => {
      const member = await hire();
      const managers = await Promise.all(
        [1, 2].map(async () => (await stack.userWithToken(['manager'], null, teamId)).token),
      );
      const id = (
        await promote(leader, '', {
          memberId: member.id,
          toLevel: 'senior_sales_rep',
          reason: 'consistent',
        }).expect(201)
      ).body.id as string;
      const assessed = await promote(leader, `/${id}/assess`, {
        performance: 80,
        teamwork: 80,
        growth: 80,
        recommend: true,
      }).expect(200);
      const version = String(assessed.body.version);
      const both = await Promise.all(
        managers.map((token) => promote(token, `/${id}/approve`).set({ 'if-match': version })),
      );
      const statuses = both.map((response) => response.status).sort();
      expect(statuses[0]).toBe(200);
      expect([409, 412]).toContain(statuses[1]);
      expect(await promotionOf(id)).toMatchObject({ status: 'in_notice', version: 3 });
    });

    /** A member on notice for senior_sales_rep, assessed by the leader and approved by a manager. */
    const onNotice = async (memberId: string) => {
      const manager = (await stack.userWithToken(['manager'], null, teamId)).token;
      const id = (
        await promote(leader, '', {
          memberId,
          toLevel: 'senior_sales_rep',
          reason: 'a strong half year',
        }).expect(201)
      ).body.id as string;
      await promote(leader, `/${id}/assess`, {
        performance: 80,
        teamwork: 80,
        growth: 80,
        recommend: true,
      }).expect(200);
      await promote(manager, `/${id}/approve`).expect(200);
      return id;
    };

    it('is rejected when a director upholds an objection', async () => {
      const member = await hire();
      const id = await onNotice(member.id);
      const objected = await promote(leader, `/${id}/objections`, {
        reason: 'borrowed results',
      }).expect(200);
      const objectionId = (objected.body.objections as { id: string }[])[0]?.id;

      await promote(director, `/${id}/finalize`, { objectionId, upheld: true }).expect(200);

      expect(await promotionOf(id)).toMatchObject({
        status: 'rejected',
        noticeEndsAt: expect.any(String),
        objections: [{ id: objectionId, status: 'upheld' }],
      });
      const rejected = (
        await stack.http().get(`/api/v1/promotions/${id}`).set(as(director)).expect(200)
      ).body as { decision: { reason: string } };
      expect(rejected.decision.reason).toBe('Objection upheld: borrowed results');
      expect(await read(member.id)).toMatchObject({ level: 'sales_rep' });
    });

    it("carries the evidence of the member's last six months, as it stood at submission", async () => {
      const member = await hire();
      const record = (path: string, body: object) =>
        stack
          .http()
          .post(`/api/v1/members/${member.id}/${path}`)
          .set(as(director))
          .send(body)
          .expect(201);
      const old = (await record('commendations', { kind: 'honor', reason: 'long ago' })).body as {
        id: string;
      };
      await stack.sql(
        `UPDATE members.member_record SET "createdAt" = now() - interval '7 months' WHERE id = $1`,
        [old.id],
      );
      const award = (
        await record('commendations', { kind: 'sales_champion', reason: 'best month' })
      ).body as { issuedAt: string };
      const warning = (await record('sanctions', { kind: 'warning', reason: 'late twice' }))
        .body as { issuedAt: string };
      // A fine awaiting approval is not (yet) in the member's file.
      await record('sanctions', { kind: 'fine', reason: 'lost a contract', amount: '100.00' });

      const applied = await promote(leader, '', {
        memberId: member.id,
        toLevel: 'senior_sales_rep',
        reason: 'evidence please',
      }).expect(201);
      const evidence = applied.body.evidence as {
        since: string;
        commendations: { type: string; at: string }[];
        sanctions: { type: string; at: string }[];
      };
      expect(evidence).toEqual({
        since: expect.any(String),
        commendations: [{ type: 'sales_champion', at: award.issuedAt }],
        sanctions: [{ type: 'warning', at: warning.issuedAt }],
        kpis: { status: 'no_data' },
        // Asked of training (training.e2e-spec.ts shows one that holds a certificate).
        certificates: [],
      });
      const months = (Date.now() - Date.parse(evidence.since)) / (30.44 * DAY_MS);
      expect(months).toBeGreaterThan(5.8);
      expect(months).toBeLessThan(6.2);

      // Compiled at submission: what comes later does not change it.
      await record('commendations', { kind: 'honor', reason: 'after applying' });
      const later = (
        await stack
          .http()
          .get(`/api/v1/promotions/${applied.body.id as string}`)
          .set(as(director))
          .expect(200)
      ).body as { evidence: unknown };
      expect(later.evidence).toEqual(evidence);
    });

    it('is rejected when HR upholds an objection, and never assessed by the applicant', async () => {
      const member = await hire();
      const rep = await signedIn(member.id);
      const manager = (await stack.userWithToken(['manager'], null, teamId)).token;
      const id = (
        await promote(leader, '', {
          memberId: member.id,
          toLevel: 'senior_sales_rep',
          reason: 'strong quarter',
        }).expect(201)
      ).body.id as string;
      await promote(rep, `/${id}/assess`, {
        performance: 100,
        teamwork: 100,
        growth: 100,
        recommend: true,
      }).expect(403);
      const assessed = await promote(leader, `/${id}/assess`, {
        performance: 70,
        teamwork: 75,
        growth: 80,
        recommend: true,
      }).expect(200);
      expect(assessed.body.assessment).toMatchObject({ performance: 70, by: expect.any(String) });
      await promote(manager, `/${id}/approve`).expect(200);
      const objected = await promote(leader, `/${id}/objections`, { reason: 'complaints' }).expect(
        200,
      );
      const objectionId = (objected.body.objections as { id: string }[])[0]?.id;
      await promote(hr, `/${id}/finalize`, { objectionId, upheld: true }).expect(200);
      expect(await promotionOf(id)).toMatchObject({
        status: 'rejected',
        decision: {
          by: expect.any(String),
          at: expect.any(String),
          reason: 'Objection upheld: complaints',
        },
      });
      expect(await read(member.id)).toMatchObject({ level: 'sales_rep' });
    });
  });

  describe('teams and transfers', () => {
    const newTeam = async (parentId: string | null = null) =>
      (
        (
          await stack
            .http()
            .post('/api/v1/teams')
            .set(as(director))
            .send({ name: `Group ${randomUUID()}`, kind: 'online_sales', parentId })
            .expect(201)
        ).body as { id: string }
      ).id;

    it('moves a member to another team and position, keeping where they were', async () => {
      const member = await hire();
      const rep = await signedIn(member.id);
      const other = await newTeam();
      const moved = await action(director, member.id, 'transfer', {
        teamId: other,
        position: 'customer_service',
      }).expect(200);
      expect(moved.body).toMatchObject({ teamId: other, position: 'customer_service' });
      await refusedSoon(rep);
      const history = await stack
        .http()
        .get(`/api/v1/members/${member.id}/placements`)
        .set(as(director))
        .expect(200);
      expect(history.body.items).toEqual([
        expect.objectContaining({ teamId, position: 'sales_rep', endedAt: expect.any(String) }),
        expect.objectContaining({ teamId: other, position: 'customer_service', endedAt: null }),
      ]);
      // The leader of the first team no longer reaches them.
      await stack.http().get(`/api/v1/members/${member.id}`).set(as(leader)).expect(404);
    });

    it('changes settings and moves a team, never under itself', async () => {
      const parent = await newTeam();
      const child = await newTeam(parent);
      const patch = (id: string, body: object) =>
        stack.http().patch(`/api/v1/teams/${id}`).set(as(director)).send(body);
      const cycle = await patch(parent, { parentId: child }).expect(422);
      expect(cycle.body.code).toBe('TEAM_CYCLE');
      const settled = await patch(child, { settings: { promotionNoticeDays: 7 } }).expect(200);
      expect(settled.body.settings).toMatchObject({ promotionNoticeDays: 7, probationDays: 30 });
      const moved = await patch(child, { parentId: null }).expect(200);
      expect(moved.body).toMatchObject({ parentId: null, version: 3 });
      await patch(child, { name: 'stale' }).set({ 'if-match': '"1"' }).expect(412);
      const member = await hire();
      const members = await stack
        .http()
        .get(`/api/v1/teams/${teamId}/members?limit=100&sort=-hiredAt`)
        .set(as(leader))
        .expect(200);
      expect((members.body as { items: { id: string }[] }).items.map((item) => item.id)).toContain(
        member.id,
      );
      // A team out of reach, like one that does not exist, is not found (api.md, security.md).
      const otherLeader = (await stack.userWithToken(['team_leader'], null, parent)).token;
      for (const [id, token] of [
        [teamId, otherLeader],
        ['00000000-0000-4000-8000-000000000000', director],
      ] as const) {
        const refused = await stack
          .http()
          .get(`/api/v1/teams/${id}/members`)
          .set(as(token))
          .expect(404);
        expect(refused.body).toMatchObject({ code: 'TEAM_NOT_FOUND' });
      }
    });
  });

  describe('leave and meetings', () => {
    it('lets a member ask for leave, the leader decide it, and the member cancel their own', async () => {
      const member = await hire();
      const rep = await signedIn(member.id);
      const ask = (startsOn: string, endsOn: string) =>
        stack
          .http()
          .post('/api/v1/leave-requests')
          .set(as(rep))
          .send({ memberId: member.id, kind: 'annual', startsOn, endsOn, reason: 'family' });
      const backwards = await ask(inDays(70), inDays(61));
      expect(backwards.status).toBe(400);
      const first = (await ask(inDays(61), inDays(63)).expect(201)).body as { id: string };
      const second = (await ask(inDays(89), inDays(90)).expect(201)).body as { id: string };
      const leaveAction = (token: string, id: string, name: string) =>
        stack.http().post(`/api/v1/leave-requests/${id}/${name}`).set(as(token)).send();

      // A rep approves nobody's leave, their own included: outside the role.
      expect((await leaveAction(rep, first.id, 'approve').expect(403)).body.code).toBe('FORBIDDEN');
      await leaveAction(leader, first.id, 'cancel').expect(403);
      // A leader approves their team's leave, never their own.
      const leaderMember = await hire();
      const ownLeader = (await stack.userWithToken(['team_leader'], leaderMember.id, teamId)).token;
      const own = (
        await stack
          .http()
          .post('/api/v1/leave-requests')
          .set(as(ownLeader))
          .send({ kind: 'annual', startsOn: inDays(61), endsOn: inDays(62), reason: 'rest' })
          .expect(201)
      ).body as { id: string };
      expect((await leaveAction(ownLeader, own.id, 'approve').expect(403)).body.code).toBe(
        'LEAVE_OWN_DECISION',
      );
      const approved = await leaveAction(leader, first.id, 'approve').expect(200);
      expect(approved.body).toMatchObject({ status: 'approved' });
      expect((await leaveAction(rep, first.id, 'cancel').expect(409)).body.code).toBe(
        'LEAVE_ALREADY_DECIDED',
      );
      await leaveAction(rep, second.id, 'cancel').expect(200);

      const mine = await stack.http().get('/api/v1/leave-requests').set(as(rep)).expect(200);
      expect(
        (mine.body as { items: { id: string; status: string }[] }).items.map((item) => item.status),
      ).toEqual(['cancelled', 'approved']);
    });

    it('announces approved leave on the day it begins, and only approved leave', async () => {
      const [member, other] = [await hire(), await hire()];
      const today = inDays(0);
      const ask = async (memberId: string) =>
        (
          await stack
            .http()
            .post('/api/v1/leave-requests')
            .set(as(leader))
            .send({
              memberId,
              kind: 'sick',
              startsOn: today,
              endsOn: today,
              reason: 'flu',
            })
            .expect(201)
        ).body as { id: string };
      const approved = await ask(member.id);
      await ask(other.id);
      await stack
        .http()
        .post(`/api/v1/leave-requests/${approved.id}/approve`)
        .set(as(director))
        .send()
        .expect(200);
      const started = async (memberId: string) =>
        (await eventsAbout(memberId))
          .filter((event) => event.type === 'members.leave.started')
          .map((event) => event.data['leaveRequestId']);
      await waitFor(async () => (await started(member.id)).includes(approved.id), {
        what: 'members.leave.started',
      });
      // The same sweep would have announced the pending one, had it counted.
      expect(await started(member.id)).toEqual([approved.id]);
      expect(await started(other.id)).toEqual([]);
    });

    it("announces leave from the company's midnight, not UTC's", async () => {
      // 01:00 in Asia/Shanghai: the company's today is still yesterday in UTC.
      stack.runClockFrom(new Date('2026-12-02T17:00:00.000Z'));
      try {
        const member = await hire();
        const today = inDays(0);
        expect(today).toBe('2026-12-03');
        const leave = (
          await stack
            .http()
            .post('/api/v1/leave-requests')
            .set(as(leader))
            .send({
              memberId: member.id,
              kind: 'sick',
              startsOn: today,
              endsOn: today,
              reason: 'fever',
            })
            .expect(201)
        ).body as { id: string };
        await stack
          .http()
          .post(`/api/v1/leave-requests/${leave.id}/approve`)
          .set(as(director))
          .send()
          .expect(200);
        await waitFor(
          async () =>
            (await eventsAbout(member.id)).some(
              (event) =>
                event.type === 'members.leave.started' && event.data['leaveRequestId'] === leave.id,
            ),
          { what: 'members.leave.started at the start of the company day' },
        );
      } finally {
        stack.runClockFrom(NOON);
      }
    });

    it('records a team meeting with attendees, cases and action items', async () => {
      const member = await hire();
      const recorded = await stack
        .http()
        .post('/api/v1/meetings')
        .set(as(leader))
        .send({
          teamId,
          kind: 'morning',
          heldOn: '2026-11-25',
          attendeeIds: [member.id],
          notes: 'targets for the week',
          casesShared: ['a customer won back after a complaint'],
          actionItems: [{ text: 'call back the three A-level leads', ownerId: member.id }],
        })
        .expect(201);
      expect(recorded.body).toMatchObject({
        kind: 'morning',
        actionItems: [{ ownerId: member.id, dueOn: null }],
      });
      const rep = await signedIn(member.id);
      await stack
        .http()
        .post('/api/v1/meetings')
        .set(as(rep))
        .send({ teamId, kind: 'evening', heldOn: '2026-11-25' })
        .expect(403);
      const listed = await stack
        .http()
        .get(`/api/v1/meetings?teamId=${teamId}`)
        .set(as(rep))
        .expect(200);
      expect((listed.body as { items: { id: string }[] }).items.map((item) => item.id)).toContain(
        recorded.body.id,
      );
    });

    it('refuses a meeting whose attendees or action-item owners are not on the team, and stores nothing', async () => {
      const member = await hire();
      const elsewhere = (
        (
          await stack
            .http()
            .post('/api/v1/teams')
            .set(as(director))
            .send({ name: `Elsewhere ${randomUUID()}`, kind: 'other' })
            .expect(201)
        ).body as { id: string }
      ).id;
      const stranger = (
        (
          await stack
            .http()
            .post('/api/v1/members')
            .set(as(director))
            .send({
              employeeNo: `E-${randomUUID().slice(0, 8)}`,
              name: 'Wu Fang',
              teamId: elsewhere,
              position: 'sales_rep',
              track: 'professional',
              level: 'sales_rep',
            })
            .expect(201)
        ).body as Member
      ).id;
      const unknown = randomUUID();
      const notes = `refused ${randomUUID()}`;
      const nowhere = await stack
        .http()
        .post('/api/v1/meetings')
        .set(as(director))
        .send({ teamId: randomUUID(), kind: 'weekly', heldOn: '2026-11-26', notes })
        .expect(422);
      expect(nowhere.body).toMatchObject({ code: 'MEMBER_TEAM_NOT_FOUND' });
      for (const body of [
        { attendeeIds: [member.id, stranger] },
        { attendeeIds: [member.id], actionItems: [{ text: 'follow up', ownerId: unknown }] },
      ]) {
        const refused = await stack
          .http()
          .post('/api/v1/meetings')
          .set(as(leader))
          .send({ teamId, kind: 'weekly', heldOn: '2026-11-26', notes, ...body })
          .expect(422);
        expect(refused.body).toMatchObject({ code: 'MEETING_PEOPLE_NOT_ON_TEAM' });
      }
      const listed = await stack
        .http()
        .get(`/api/v1/meetings?teamId=${teamId}`)
        .set(as(leader))
        .expect(200);
      expect(
        (listed.body as { items: { notes: string }[] }).items.map((item) => item.notes),
      ).not.toContain(notes);
    });
  });

  describe('probation review', () => {
    it('shows the checkpoint, saying where there is no data yet', async () => {
      const member = await hire();
      const checkpoint = await stack
        .http()
        .get(`/api/v1/members/${member.id}/probation-checkpoint`)
        .set(as(leader))
        .expect(200);
      // Training answers once a course is required of the position (the demo company's are);
      // training.e2e-spec.ts checks that answer.
      expect(checkpoint.body).toEqual({
        memberId: member.id,
        probationEndsAt: member.probationEndsAt,
        onboarding: expect.objectContaining({
          status: expect.stringMatching(/^(no_data|available)$/),
        }),
        kpis: { status: 'no_data' },
      });
    });

    it('extends a probation once, to a later end', async () => {
      const member = await hire();
      const end = member.probationEndsAt as string;
      const earlier = await action(leader, member.id, 'probation-review', {
        decision: 'extend',
        probationEndsAt: companyDayAfter(end, -1),
        notes: 'needs time',
      });
      expect(earlier.status).toBe(422);
      expect(earlier.body.code).toBe('PROBATION_END_NOT_LATER');

      const later = companyDayAfter(end, 14);
      const extended = await action(leader, member.id, 'probation-review', {
        decision: 'extend',
        probationEndsAt: later,
        notes: 'needs two more weeks',
      }).expect(200);
      expect(extended.body).toMatchObject({ status: 'probation', probationEndsAt: later });

      const again = await action(leader, member.id, 'probation-review', {
        decision: 'extend',
        probationEndsAt: companyDayAfter(end, 30),
        notes: 'more',
      }).expect(409);
      expect(again.body.code).toBe('PROBATION_ALREADY_EXTENDED');
      expect(await read(member.id)).toMatchObject({ probationEndsAt: later, version: 2 });
    });

    it('confirms a member, once, and says so on the bus', async () => {
      const member = await hire();
      const stale = await action(leader, member.id, 'probation-review', {
        decision: 'confirm',
        notes: 'good',
      }).set({ 'if-match': '"7"' });
      expect(stale.status).toBe(412);

      const confirmed = await action(leader, member.id, 'probation-review', {
        decision: 'confirm',
        notes: 'met every target',
      }).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'active', version: 2 });
      const twice = await action(leader, member.id, 'probation-review', {
        decision: 'confirm',
        notes: 'again',
      }).expect(409);
      expect(twice.body.code).toBe('MEMBER_NOT_IN_PROBATION');
      await waitFor(
        async () =>
          (await eventsAbout(member.id)).some((event) => event.type === 'members.member.confirmed'),
        { what: 'members.member.confirmed' },
      );
    });

    it('refuses a decision that does not say what it needs', async () => {
      const member = await hire();
      const refused = await action(leader, member.id, 'probation-review', {
        decision: 'extend',
        notes: 'no date',
      }).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect((await read(member.id)).version).toBe(1);
    });

    it('announces a probation that ended without a review, once', async () => {
      const endedAgo = async () => {
        const member = await hire();
        await stack.sql(
          `UPDATE members.member SET "probationEndsAt" = now() - interval '1 day' WHERE id = $1`,
          [member.id],
        );
        return member.id;
      };
      const dueEvents = async (memberId: string) =>
        (await eventsAbout(memberId)).filter((event) => event.type === 'members.probation.due');
      const first = await endedAgo();
      await waitFor(async () => (await dueEvents(first)).length > 0, { what: 'the first due' });
      // A later due, announced by a later sweep, shows the first was not announced again.
      const second = await endedAgo();
      await waitFor(async () => (await dueEvents(second)).length > 0, { what: 'the second due' });
      expect(await dueEvents(first)).toHaveLength(1);
    });

    it('terminates a probation: the member departs and their sessions end', async () => {
      const member = await hire();
      const session = await signedIn(member.id);
      const ended = await action(leader, member.id, 'probation-review', {
        decision: 'terminate',
        notes: 'missed every target',
      }).expect(200);
      expect(ended.body).toMatchObject({ status: 'departed', departedAt: expect.any(String) });
      await refusedSoon(session);
    });
  });

  describe('suspension', () => {
    it('is set and lifted by HR; the suspended member is refused meanwhile', async () => {
      const member = await hire();
      const session = await signedIn(member.id);
      await action(leader, member.id, 'suspend', { reason: 'investigation' }).expect(403);

      const suspended = await action(hr, member.id, 'suspend', { reason: 'investigation' }).expect(
        200,
      );
      expect(suspended.body).toMatchObject({ status: 'suspended' });
      await refusedSoon(session);
      const twice = await action(hr, member.id, 'suspend', { reason: 'again' }).expect(409);
      expect(twice.body.code).toBe('MEMBER_NOT_SUSPENDABLE');

      const reinstated = await action(hr, member.id, 'reinstate').expect(200);
      expect(reinstated.body).toMatchObject({ status: 'probation' });
      expect((await action(hr, member.id, 'reinstate').expect(409)).body.code).toBe(
        'MEMBER_NOT_SUSPENDED',
      );
      const types = (await eventsAbout(member.id)).map((event) => event.type);
      expect(types).toEqual(
        expect.arrayContaining(['members.member.suspended', 'members.member.reinstated']),
      );
    });
  });

  describe('departure', () => {
    it('hands over to a colleague and departs the member; their sessions end', async () => {
      const member = await hire();
      const colleague = await hire();
      const session = await signedIn(member.id);
      const departed = await action(leader, member.id, 'depart', {
        reason: 'resigned',
        handoverTo: colleague.id,
      }).expect(200);
      expect(departed.body).toMatchObject({ status: 'departed' });
      await refusedSoon(session);
      const again = await action(leader, member.id, 'depart', {
        reason: 'resigned',
        handoverTo: colleague.id,
      }).expect(409);
      expect(again.body.code).toBe('MEMBER_ALREADY_DEPARTED');
    });

    it('refuses a handover to the member themself, a departed member or one out of reach', async () => {
      const member = await hire();
      const departed = await hire();
      await action(leader, departed.id, 'depart', {
        reason: 'moved away',
        handoverTo: member.id,
      }).expect(200);
      for (const handoverTo of [member.id, departed.id, randomUUID()]) {
        const refused = await action(leader, member.id, 'depart', {
          reason: 'resigned',
          handoverTo,
        });
        expect({ handoverTo, status: refused.status, code: refused.body.code }).toEqual({
          handoverTo,
          status: 422,
          code: 'HANDOVER_TARGET_INVALID',
        });
      }
      expect((await read(member.id)).status).toBe('probation');
    });

    const departureStatus = async (where: string, value: string) =>
      (
        await db.query<{ handoverId: string; status: string }>(
          `SELECT "handoverId", status FROM members.departure WHERE "${where}" = $1`,
          [value],
        )
      ).rows[0];

    it("undoes a departure whose process stopped half-way, in the members service's own name", async () => {
      const member = await hire();
      const handoverId = randomUUID();
      await stack.sql(
        `INSERT INTO members.departure ("handoverId", "memberId", status, "createdAt", "updatedAt")
         VALUES ($1, $2, 'handing_over', now() - interval '10 minutes', now())`,
        [handoverId, member.id],
      );
      await waitFor(
        async () => (await departureStatus('handoverId', handoverId))?.status === 'reverted',
        { what: 'the sweep to undo the handover in customers and orders' },
      );
      expect((await read(member.id)).status).toBe('probation');
    });

    // Last: it stops the orders service.
    it('changes nothing when an owning service cannot take part, and finishes undoing when it is back', async () => {
      const member = await hire();
      const colleague = await hire();
      await stack.service('orders').stop();
      const failed = await action(leader, member.id, 'depart', {
        reason: 'resigned',
        handoverTo: colleague.id,
      });
      expect({ status: failed.status, code: failed.body.code }).toEqual({
        status: 503,
        code: 'HANDOVER_FAILED',
      });
      expect(await read(member.id)).toMatchObject({ status: 'probation', version: 1 });
      expect((await eventsAbout(member.id)).map((event) => event.type)).toEqual([
        'members.member.hired',
      ]);
      // The revert went to orders too, whose hand-over call failed (its reply may have been lost
      // after it happened); orders being down, that revert is reported.
      const reported = await waitFor(
        () =>
          stack
            .service('members')
            .output.join('')
            .split('\n')
            .find((line) => line.includes('could not be undone everywhere')),
        { what: 'the incomplete revert to be logged' },
      );
      expect(JSON.parse(reported)).toMatchObject({
        failed: [OrdersRpc.openOrders.revertHandover.subject],
      });
      const departure = await departureStatus('memberId', member.id);
      expect(departure?.status).toBe('reverting');

      await stack.service('orders').spawn();
      await waitFor(
        async () =>
          (await departureStatus('handoverId', departure?.handoverId as string))?.status ===
          'reverted',
        { what: 'the sweep to finish undoing the handover' },
      );
      expect(await read(member.id)).toMatchObject({ status: 'probation', version: 1 });
    });
  });
});

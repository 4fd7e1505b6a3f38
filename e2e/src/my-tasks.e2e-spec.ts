import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';

import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Task {
  id: string;
  kind: string;
  title: string;
  subjectType: string;
  subjectId: string;
  dueAt: string | null;
  service: string;
}
interface MyTasks {
  items: Task[];
  unavailable: string[];
}

/** GET /me/tasks: what waits for the caller in every service, gathered at once. */
describe("a person's to-do list", () => {
  let stack: Stack;
  let director: string;
  let teamId: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) =>
    stack.http().post(`/api/v1${path}`).set(as(token)).send(body);
  const tasksOf = async (token: string) =>
    (await stack.http().get('/api/v1/me/tasks').set(as(token)).expect(200)).body as MyTasks;
  const hire = async (hiredAt?: string) =>
    (
      await post(director, '/members', {
        employeeNo: `K-${randomUUID().slice(0, 8)}`,
        name: 'Qian Yu',
        teamId,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
        ...(hiredAt ? { hiredAt } : {}),
      }).expect(201)
    ).body as { id: string; probationEndsAt: string };
  /** The company's day `days` after the stack's today, as its services count days. */
  const inDays = (days: number) =>
    new CompanyCalendar('Asia/Shanghai').dayOf(new Date(stack.now().getTime() + days * DAY_MS));

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, { RATE_LIMIT_PER_MINUTE: '100000' });
    director = (await stack.userWithToken(['director'])).token;
    teamId = (
      (
        await post(director, '/teams', {
          name: `Tasks ${randomUUID()}`,
          kind: 'online_sales',
        }).expect(201)
      ).body as { id: string }
    ).id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists what waits for each approver in their scope, and names a service that is not running', async () => {
    const endingSoon = await hire(new Date(Date.now() - 25 * DAY_MS).toISOString());
    const applicant = await hire();
    const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    const manager = (await stack.userWithToken(['manager'], null, teamId)).token;
    const rep = (await stack.userWithToken(['sales_rep'], applicant.id, teamId)).token;
    const otherTeamLeader = (
      await stack.userWithToken(
        ['team_leader'],
        null,
        (
          (
            await post(director, '/teams', {
              name: `Other ${randomUUID()}`,
              kind: 'online_sales',
            }).expect(201)
          ).body as { id: string }
        ).id,
      )
    ).token;

    const promotion = (
      await post(director, '/promotions', {
        memberId: applicant.id,
        toLevel: 'senior_sales_rep',
        reason: 'a strong year',
      }).expect(201)
    ).body as { id: string };
    const leave = (
      await post(leader, '/leave-requests', {
        memberId: endingSoon.id,
        kind: 'annual',
        startsOn: inDays(20),
        endsOn: inDays(22),
        reason: 'family',
      }).expect(201)
    ).body as { id: string };
    const fine = (
      await post(leader, `/members/${endingSoon.id}/sanctions`, {
        kind: 'fine',
        reason: 'late twice',
        amount: '100.00',
      }).expect(201)
    ).body as { id: string };

    const ofLeader = await tasksOf(leader);
    expect(ofLeader.unavailable).toEqual([]);
    expect(ofLeader.items.map((task) => task.id).sort()).toEqual(
      [
        `promotion.assess:${promotion.id}`,
        `leave.decide:${leave.id}`,
        `probation.review:${endingSoon.id}`,
      ].sort(),
    );
    expect(ofLeader.items.find((task) => task.kind === 'probation.review')).toEqual({
      id: `probation.review:${endingSoon.id}`,
      kind: 'probation.review',
      title: 'Review the probation of Qian Yu',
      subjectType: 'member',
      subjectId: endingSoon.id,
      dueAt: endingSoon.probationEndsAt,
      service: 'members',
    });
    // Soonest due first, undated last.
    expect(ofLeader.items.at(-1)?.dueAt).toBeNull();

    const ofManager = await tasksOf(manager);
    expect(ofManager.items.map((task) => task.id)).toEqual(
      expect.arrayContaining([`sanction.approve:${fine.id}`]),
    );
    expect(ofManager.items.map((task) => task.kind)).not.toContain('promotion.assess');
    expect((await tasksOf(rep)).items).toEqual([]);
    expect((await tasksOf(otherTeamLeader)).items).toEqual([]);

    await stack.service('training').stop();
    const withoutTraining = await tasksOf(leader);

    expect(withoutTraining.unavailable).toEqual(['training']);
    expect(withoutTraining.items).toEqual(ofLeader.items);
  });

  it('is closed to callers without a token', async () => {
    await stack.http().get('/api/v1/me/tasks').expect(401);
  });
});

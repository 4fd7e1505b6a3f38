import { randomUUID } from 'node:crypto';

import { waitFor } from '@salesops/testing';

import { gatewayFixture } from './support/gateway-fixture';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const PROBLEM = /application\/problem\+json/;

interface PlanItem {
  courseId: string;
  courseTitle: string;
  month: number;
  status: string;
  sessionsScheduled: number;
  sessionsHeld: number;
  enrolled: number;
  attended: number;
}
interface Plan {
  id: string;
  teamId: string;
  year: number;
  teamSize: number;
  items: PlanItem[];
}
interface Evaluation {
  over: string;
  attended: number;
  improvement: { count: number; average: number | null };
  rating: { count: number; average: number | null };
  reflectionGrade: { count: number; average: number | null };
}

/** Four true/false questions of a point each: a score of 25 per right answer. */
const QUIZ = [true, false, true, false].map((correct, index) => ({
  type: 'true_false',
  prompt: `Statement ${index + 1}`,
  points: 1,
  correct,
}));
/** Answers scoring `right` × 25. */
const scoring = (right: number) =>
  Object.fromEntries(
    [true, false, true, false].map((correct, index) => [
      `q${index + 1}`,
      index < right ? correct : !correct,
    ]),
  );

/** Yearly training plans against what was held and attended; a session's evaluation averages. */
describe('training plans and session evaluations', () => {
  let stack: Stack;
  let director: string;
  let trainer: string;
  const gateway = gatewayFixture(() => stack);
  const { post, get } = gateway;
  const newTeam = () => gateway.newTeam(director, 'Plans');
  const hire = (teamId: string) =>
    gateway.hire(director, teamId, { prefix: 'TP', name: 'Wu Fang' });
  const newCourse = async () =>
    (
      (
        await post(trainer, '/courses', {
          title: `Course ${randomUUID().slice(0, 8)}`,
          category: 'sales_skills',
          mode: 'offline',
          durationMinutes: 60,
        }).expect(201)
      ).body as { id: string }
    ).id;
  const newSession = async (
    token: string,
    courseId: string,
    startsAt: string,
    trainerMemberId: string | null = null,
  ) =>
    (
      (
        await post(token, '/training-sessions', {
          courseId,
          trainer: { memberId: trainerMemberId, name: 'Ms. Lin' },
          startsAt,
          location: 'Room 5',
          capacity: 20,
        }).expect(201)
      ).body as { id: string }
    ).id;
  const plansOf = async (token: string, query: string) =>
    ((await get(token, `/training-plans?${query}`).expect(200)).body as { items: Plan[] }).items;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, {
      RATE_LIMIT_PER_MINUTE: '100000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
    director = (await stack.userWithToken(['director'])).token;
    trainer = (await stack.userWithToken(['trainer'])).token;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("plans a team's year and counts the sessions held and the team's members attending in each target month", async () => {
    const teamId = await newTeam();
    const otherTeamId = await newTeam();
    const [repA, repB] = [await hire(teamId), await hire(teamId)];
    const outsider = await hire(otherTeamId);
    const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    const otherLeader = (await stack.userWithToken(['team_leader'], null, otherTeamId)).token;
    const repToken = (await stack.userWithToken(['sales_rep'], repA, teamId)).token;
    const outsiderToken = (await stack.userWithToken(['sales_rep'], outsider, otherTeamId)).token;
    const [selling, service] = [await newCourse(), await newCourse()];
    // Training learns of the hires from the members events.
    for (const [token, memberId] of [
      [leader, repA],
      [leader, repB],
      [otherLeader, outsider],
    ] as const) {
      await waitFor(
        async () => (await get(token, `/members/${memberId}/training-record`)).status === 200,
      );
    }

    // March 2025 in the company calendar (Asia/Shanghai) begins at 2025-02-28T16:00Z.
    const marchFirst = await newSession(trainer, selling, '2025-02-28T16:30:00.000Z');
    const marchLater = await newSession(trainer, selling, '2025-03-20T02:00:00.000Z');
    const aprilFirst = await newSession(trainer, selling, '2025-03-31T17:00:00.000Z');
    const enroll = (token: string, sessionId: string, memberId: string) =>
      post(token, `/training-sessions/${sessionId}/enrollments`, { memberId }).expect(201);
    await enroll(leader, marchFirst, repA);
    await enroll(leader, marchFirst, repB);
    await enroll(otherLeader, marchFirst, outsider);
    await enroll(leader, marchLater, repB);
    await enroll(leader, aprilFirst, repA);
    const attendance = (sessionId: string, records: object[]) =>
      post(trainer, `/training-sessions/${sessionId}/attendance`, { records }).expect(200);
    await attendance(marchFirst, [
      { memberId: repA, status: 'present' },
      { memberId: repB, status: 'absent' },
      { memberId: outsider, status: 'present' },
    ]);
    await attendance(marchLater, [{ memberId: repB, status: 'late' }]);
    await attendance(aprilFirst, [{ memberId: repA, status: 'present' }]);

    const body = {
      teamId,
      year: 2025,
      items: [
        { courseId: selling, month: 3, note: 'before the spring fair' },
        { courseId: service, month: 6 },
      ],
    };
    // Who may: reps and trainers are refused at the door; a leader plans only a team they lead.
    await post(repToken, '/training-plans', body).expect(403);
    await post(trainer, '/training-plans', body).expect(403);
    const foreign = await post(otherLeader, '/training-plans', body).expect(422);
    expect(foreign.body).toMatchObject({ code: 'TRAINING_TEAM_UNKNOWN' });

    // Bad input: problem+json with field errors, and nothing written.
    for (const [bad, path] of [
      [
        { ...body, items: [...body.items, { courseId: randomUUID(), month: 4 }] },
        'body.items.2.courseId',
      ],
      [{ ...body, items: [{ courseId: selling, month: 13 }] }, 'body.items.0.month'],
      [{ ...body, year: 1999 }, 'body.year'],
      [{ ...body, items: [] }, 'body.items'],
    ] as const) {
      const refused = await post(leader, '/training-plans', bad).expect(400);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((refused.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(
        path,
      );
    }
    expect(await plansOf(director, `teamId=${teamId}`)).toEqual([]);

    const key = `plan-${randomUUID()}`;
    const created = await post(leader, '/training-plans', body)
      .set('idempotency-key', key)
      .expect(201);
    const plan = created.body as Plan;
    const replayed = await post(leader, '/training-plans', body)
      .set('idempotency-key', key)
      .expect(201);
    expect((replayed.body as Plan).id).toBe(plan.id);
    const duplicate = await post(leader, '/training-plans', body).expect(409);
    expect(duplicate.body).toMatchObject({ code: 'TRAINING_PLAN_EXISTS' });
    // Another year is another plan; the director plans for any team.
    const later = (
      await post(director, '/training-plans', {
        teamId,
        year: 2099,
        items: [{ courseId: selling, month: 1 }],
      }).expect(201)
    ).body as Plan;
    expect(later.items).toEqual([
      expect.objectContaining({ status: 'planned', sessionsScheduled: 0, attended: 0 }),
    ]);

    // The team's two members, once training knows them; March's two sessions (not April's,
    // though it began on March 31st in UTC); the team's members enrolled and attending there.
    const shown = await waitFor(async () => {
      const [found] = await plansOf(leader, `teamId=${teamId}&year=2025`);
      return found?.teamSize === 2 ? found : undefined;
    });
    expect(shown).toMatchObject({ id: plan.id, teamId, year: 2025 });
    expect(shown.items).toEqual([
      expect.objectContaining({
        courseId: selling,
        month: 3,
        status: 'held',
        sessionsScheduled: 2,
        sessionsHeld: 2,
        enrolled: 2,
        attended: 2,
      }),
      expect.objectContaining({
        courseId: service,
        month: 6,
        status: 'missed',
        sessionsScheduled: 0,
        sessionsHeld: 0,
        enrolled: 0,
        attended: 0,
      }),
    ]);

    // Reads: the team's own rep, trainers, HR; not another team's rep or leader.
    const hr = (await stack.userWithToken(['hr'])).token;
    for (const reader of [repToken, trainer, hr, director]) {
      const ids = (await plansOf(reader, `teamId=${teamId}`)).map((found) => found.id);
      expect(ids.sort()).toEqual([plan.id, later.id].sort());
    }
    for (const stranger of [outsiderToken, otherLeader]) {
      expect(await plansOf(stranger, `teamId=${teamId}`)).toEqual([]);
    }
  });

  it("shows a session's average improvement, rating and reflection grade to its trainer and leaders, never to a trainee", async () => {
    const course = await newCourse();
    const [teamA, teamB, teamC] = [await newTeam(), await newTeam(), await newTeam()];
    const trainerMemberId = randomUUID();
    const ownTrainer = (await stack.userWithToken(['trainer'], trainerMemberId, teamC)).token;
    const assessment = async (kind: string) =>
      (
        (
          await post(trainer, `/courses/${course}/assessments`, {
            kind,
            title: kind,
            passingScore: 50,
            questions: QUIZ,
          }).expect(201)
        ).body as { id: string }
      ).id;
    const pre = await assessment('pre');
    const postTest = await assessment('post');
    const sessionId = await newSession(
      ownTrainer,
      course,
      new Date(Date.now() - 3600_000).toISOString(),
      trainerMemberId,
    );

    // [team, pre right answers, post right answers, attendance, rating, reflection grade]
    const trainees = [
      [teamA, 1, 3, 'present', 5, 3],
      [teamA, 2, 3, 'late', 4, null],
      [teamB, 0, 4, 'present', 2, 5],
      [teamA, 0, 4, 'absent', null, null],
    ] as const;
    const people = [];
    for (const [teamId, before, after, status, rating, grade] of trainees) {
      const memberId = randomUUID();
      const token = (await stack.userWithToken(['sales_rep'], memberId, teamId)).token;
      const seat = (await post(token, `/training-sessions/${sessionId}/enrollments`).expect(201))
        .body as { id: string };
      await post(token, `/assessments/${pre}/attempts`, { answers: scoring(before) }).expect(201);
      await post(token, `/assessments/${postTest}/attempts`, { answers: scoring(after) }).expect(
        201,
      );
      await post(ownTrainer, `/training-sessions/${sessionId}/attendance`, {
        records: [{ memberId, status }],
      }).expect(200);
      if (rating !== null) {
        await post(token, `/training-sessions/${sessionId}/feedback`, {
          rating,
          ...(grade === null ? {} : { reflection: 'Ask first, then pitch.' }),
        }).expect(200);
      }
      if (grade !== null) {
        await post(ownTrainer, `/enrollments/${seat.id}/reflection-grade`, { grade }).expect(200);
      }
      people.push(token);
    }

    // Attending: +50, +25, +100 points; ratings 5, 4, 2; reflection grades 3 and 5.
    const whole: Evaluation = {
      over: 'session',
      attended: 3,
      improvement: { count: 3, average: 58.33 },
      rating: { count: 3, average: 3.67 },
      reflectionGrade: { count: 2, average: 4 },
    };
    const evaluation = (token: string) => get(token, `/training-sessions/${sessionId}/evaluation`);
    const hr = (await stack.userWithToken(['hr'])).token;
    for (const token of [ownTrainer, trainer, hr, director]) {
      expect((await evaluation(token).expect(200)).body).toEqual({ sessionId, ...whole });
    }
    // A leader: their own team's trainees only (team A: +50 and +25, 5 and 4, 3).
    const leaderA = (await stack.userWithToken(['team_leader'], null, teamA)).token;
    expect((await evaluation(leaderA).expect(200)).body).toEqual({
      sessionId,
      over: 'reach',
      attended: 2,
      improvement: { count: 2, average: 37.5 },
      rating: { count: 2, average: 4.5 },
      reflectionGrade: { count: 1, average: 3 },
    });
    const leaderC = (await stack.userWithToken(['vice_leader'], null, teamC)).token;
    expect((await evaluation(leaderC).expect(200)).body).toMatchObject({
      attended: 0,
      improvement: { count: 0, average: null },
      rating: { count: 0, average: null },
    });

    // A trainee sees no one's scores.
    for (const token of people) {
      const refused = await evaluation(token).expect(403);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
    }
    await get(trainer, `/training-sessions/${randomUUID()}/evaluation`).expect(404);
  });

  // Last: it moves the stack's clock past the deadline.
  it('takes a reflection within seven days of attending, lists it as due until then, and refuses it after', async () => {
    const course = await newCourse();
    const teamId = await newTeam();
    const memberId = randomUUID();
    const rep = (await stack.userWithToken(['sales_rep'], memberId, teamId)).token;
    const sessionId = await newSession(
      trainer,
      course,
      new Date(Date.now() - 3600_000).toISOString(),
    );
    const seat = (await post(rep, `/training-sessions/${sessionId}/enrollments`).expect(201))
      .body as { id: string; reflectionDueAt: string | null };
    expect(seat.reflectionDueAt).toBeNull();
    const recorded = (
      (
        await post(trainer, `/training-sessions/${sessionId}/attendance`, {
          records: [{ memberId, status: 'present' }],
        }).expect(200)
      ).body as { items: { reflectionDueAt: string }[] }
    ).items[0];
    const due = Date.parse(recorded?.reflectionDueAt ?? '');
    const DAY = 24 * 3600_000;
    expect(due - Date.now()).toBeGreaterThan(6 * DAY);
    expect(due - Date.now()).toBeLessThanOrEqual(8 * DAY);
    const tasksOf = async (token: string) =>
      ((await get(token, '/me/tasks').expect(200)).body as { items: object[] }).items;
    expect(await tasksOf(rep)).toContainEqual(
      expect.objectContaining({
        kind: 'training.reflection_due',
        subjectId: seat.id,
        dueAt: recorded?.reflectionDueAt,
      }),
    );

    stack.moveClock(due - Date.now() + 60_000);
    const late = (await stack.userWithToken(['sales_rep'], memberId, teamId)).token;
    const refused = await post(late, `/training-sessions/${sessionId}/feedback`, {
      rating: 3,
      reflection: 'Too late to matter.',
    }).expect(409);
    expect(refused.body).toMatchObject({ code: 'REFLECTION_OVERDUE' });
    // The rating alone is still taken; the reflection is no longer listed as due.
    await post(late, `/training-sessions/${sessionId}/feedback`, { rating: 3 }).expect(200);
    expect(await tasksOf(late)).not.toContainEqual(
      expect.objectContaining({ kind: 'training.reflection_due', subjectId: seat.id }),
    );
  });
});

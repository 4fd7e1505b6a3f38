import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import { waitFor } from '@salesops/testing';

import { storedEnvelopes } from './support/bus';
import { gatewayFixture } from './support/gateway-fixture';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

interface Enrollment {
  id: string;
  memberId: string;
  courseId: string;
  sessionId: string | null;
  reason: string;
  complaintId: string | null;
  status: string;
}
interface Record {
  enrollments: Enrollment[];
  attempts: { score: number | null; passed: boolean | null }[];
  certificates: { number: string; courseId: string }[];
}

/** A secret only the answer key holds: it must never come out of the training service. */
const MODEL_ANSWER = `model-answer-${randomUUID()}`;

const EXAM = {
  kind: 'exam',
  title: 'Onboarding exam',
  passingScore: 80,
  questions: [
    { type: 'single', prompt: 'Which floor?', choices: ['a', 'b', 'c'], points: 2, correct: 1 },
    {
      type: 'multiple',
      prompt: 'Which of these?',
      choices: ['a', 'b', 'c', 'd'],
      points: 2,
      correct: [0, 2],
    },
    { type: 'true_false', prompt: 'Discounts need approval?', points: 1, correct: false },
  ],
};
const WRONG = { q1: 0, q2: [0], q3: true };
const RIGHT = { q1: 1, q2: [2, 0], q3: false };

/** Training through the gateway: onboarding, sessions, exams with make-up and retraining. */
describe('training through the gateway', () => {
  let stack: Stack;
  let director: string;
  let trainer: string;
  const gateway = gatewayFixture(() => stack);
  const { as, post, get } = gateway;
  const newTeam = () => gateway.newTeam(director, 'Training');
  const hire = (teamId: string, name = 'Qian Yu') =>
    gateway.hire(director, teamId, { prefix: 'TR', name });
  const newCourse = async (extra: object = {}) =>
    (
      await post(trainer, '/courses', {
        title: `Course ${randomUUID().slice(0, 8)}`,
        category: 'sales_skills',
        mode: 'offline',
        durationMinutes: 90,
        ...extra,
      }).expect(201)
    ).body as { id: string; title: string; maxAttempts: number; version: number };
  const newSession = async (courseId: string, startsAt: Date, capacity = 10, waitlist = false) =>
    (
      (
        await post(trainer, '/training-sessions', {
          courseId,
          trainer: { name: 'Ms. Lin (external)' },
          startsAt: startsAt.toISOString(),
          location: 'Room 3',
          capacity,
          waitlist,
        }).expect(201)
      ).body as { id: string }
    ).id;
  const recordOf = async (token: string, memberId: string) =>
    (await get(token, `/members/${memberId}/training-record`).expect(200)).body as Record;

  const publishComplaintResolved = async (data: object) => {
    const nc = await connect({ servers: natsUrl });
    try {
      const event = {
        id: randomUUID(),
        type: 'customers.complaint.resolved',
        version: 1,
        source: 'customers',
        time: new Date().toISOString(),
        subject: randomUUID(),
        subjectVersion: 3,
        actor: null,
        requestId: null,
        data,
      };
      await jetstream(nc).publish(`salesops.${event.type}`, JSON.stringify(event), {
        msgID: event.id,
      });
    } finally {
      await nc.close();
    }
  };

  beforeAll(async () => {
    // Debug logs, so the answer-key spy reads every line a process writes.
    stack = await Stack.start(
      natsUrl,
      { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
      { LOG_LEVEL: 'debug' },
    );
    director = (await stack.userWithToken(['director'])).token;
    trainer = (await stack.userWithToken(['trainer'])).token;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('enrolls a hired rep in onboarding, who fails twice, must retrain, passes, and is certified', async () => {
    const onboarding = await newCourse({
      category: 'onboarding',
      requiredFor: ['sales_rep'],
      passingScore: 80,
    });
    expect(onboarding.maxAttempts).toBe(2);
    try {
      const teamId = await newTeam();
      const repId = await hire(teamId, 'Zhao Lei');
      const rep = (await stack.userWithToken(['sales_rep'], repId, teamId)).token;
      const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;

      // Onboarding: enrolled once in the course required for the position.
      const onboarded = await waitFor(async () => {
        const record = await recordOf(leader, repId);
        return record.enrollments.find((row) => row.courseId === onboarding.id);
      });
      expect(onboarded).toMatchObject({
        reason: 'onboarding',
        sessionId: null,
        status: 'enrolled',
      });

      const exam = (await post(trainer, `/courses/${onboarding.id}/assessments`, EXAM).expect(201))
        .body as { id: string; questions: object[] };
      const listed = await get(rep, `/courses/${onboarding.id}/assessments`).expect(200);
      for (const reply of [exam, listed.body]) {
        expect(JSON.stringify(reply)).not.toContain('correct');
      }

      // Attends a session (the onboarding enrollment takes its seat).
      const first = await newSession(onboarding.id, new Date(Date.now() - 24 * 3600_000));
      const seat = (await post(rep, `/training-sessions/${first}/enrollments`).expect(201))
        .body as Enrollment;
      expect(seat).toMatchObject({ id: onboarded.id, sessionId: first, reason: 'onboarding' });
      await post(trainer, `/training-sessions/${first}/attendance`, {
        records: [{ memberId: repId, status: 'present' }],
      }).expect(200);

      // The exam and its make-up, both failed: then retraining.
      const attempt = (answers: object) =>
        post(rep, `/assessments/${exam.id}/attempts`, { answers });
      const one = await attempt(WRONG).expect(201);
      expect(one.body).toMatchObject({
        attemptNo: 1,
        passed: false,
        score: 20,
        retrainingRequired: false,
      });
      const two = await attempt(WRONG).expect(201);
      expect(two.body).toMatchObject({ attemptNo: 2, passed: false, retrainingRequired: true });
      const refused = await attempt(RIGHT).expect(409);
      expect(refused.body).toMatchObject({ code: 'RETRAINING_REQUIRED' });
      const tasks = (await get(rep, '/me/tasks').expect(200)).body as { items: { kind: string }[] };
      expect(tasks.items.map((task) => task.kind)).toContain('training.retraining');

      // Attending the first session again counts for nothing: a new session does.
      await post(trainer, `/training-sessions/${first}/attendance`, {
        records: [{ memberId: repId, status: 'late' }],
      }).expect(200);
      await attempt(RIGHT).expect(409);
      const retraining = await newSession(onboarding.id, new Date(Date.now() + 3600_000));
      await post(rep, `/training-sessions/${retraining}/enrollments`).expect(201);
      await post(trainer, `/training-sessions/${retraining}/attendance`, {
        records: [{ memberId: repId, status: 'present' }],
      }).expect(200);

      // The attempts anew: the first of the new round passes and certifies.
      const passed = await attempt(RIGHT).expect(201);
      expect(passed.body).toMatchObject({ attemptNo: 3, passed: true, score: 100 });
      const number = (passed.body as { certificateNumber: string }).certificateNumber;
      expect(number).toMatch(/^TC-[0-9A-Z]{20}$/);
      await attempt(RIGHT).expect(409);

      const verified = await stack.http().get(`/api/v1/certificates/${number}/verify`).expect(200);
      expect(verified.body).toEqual({
        holderName: 'Zhao Lei',
        courseTitle: onboarding.title,
        issuedAt: expect.any(String),
        valid: true,
      });
      await stack
        .http()
        .get(`/api/v1/certificates/TC-${'0'.repeat(20)}/verify`)
        .expect(404);

      const mine = (await get(rep, '/certificates').expect(200)).body as {
        items: { number: string }[];
      };
      expect(mine.items.map((item) => item.number)).toEqual([number]);
      const otherRep = (await stack.userWithToken(['sales_rep'], randomUUID(), teamId)).token;
      expect(
        ((await get(otherRep, '/certificates').expect(200)).body as { items: [] }).items,
      ).toEqual([]);
      const notFound = await get(otherRep, `/members/${repId}/training-record`).expect(404);
      expect(notFound.body).toMatchObject({ code: 'TRAINING_RECORD_NOT_FOUND' });

      const checkpoint = await get(leader, `/members/${repId}/probation-checkpoint`).expect(200);
      expect(checkpoint.body).toMatchObject({
        onboarding: {
          status: 'available',
          // Other suites' courses required of reps (the demo's) may share this database.
          required: expect.arrayContaining([onboarding.title]),
          earned: [onboarding.title],
        },
      });

      // The certificate joins the promotion's evidence pack.
      await post(leader, `/members/${repId}/probation-review`, {
        decision: 'confirm',
        notes: 'onboarding done',
      }).expect(200);
      const promotion = await post(leader, '/promotions', {
        memberId: repId,
        toLevel: 'senior_sales_rep',
        reason: 'certified and selling',
      }).expect(201);
      expect(promotion.body).toMatchObject({
        evidence: { certificates: [{ number, courseTitle: onboarding.title }] },
      });

      // No answer key in any event of the stream.
      const nc = await connect({ servers: natsUrl });
      try {
        const events = await storedEnvelopes<{ type: string; data: object }>(
          nc,
          'SALESOPS_TRAINING',
        );
        const mineEvents = events.filter((event) => JSON.stringify(event).includes(repId));
        expect(mineEvents.map((event) => event.type)).toEqual(
          expect.arrayContaining([
            'training.enrollment.created',
            'training.attendance.recorded',
            'training.assessment.failed',
            'training.assessment.passed',
            'training.certificate.issued',
          ]),
        );
        expect(JSON.stringify(mineEvents)).not.toContain('correct');
      } finally {
        await nc.close();
      }
    } finally {
      // Other suites hire sales reps too: this course is required of none of theirs.
      await stack
        .http()
        .patch(`/api/v1/courses/${onboarding.id}`)
        .set(as(trainer))
        .send({ requiredFor: [] })
        .expect(200);
    }
  });

  it('grades short answers by the trainer and keeps the model answer inside', async () => {
    const course = await newCourse();
    const teamId = await newTeam();
    const repId = await hire(teamId);
    const rep = (await stack.userWithToken(['sales_rep'], repId, teamId)).token;
    const test = (
      await post(trainer, `/courses/${course.id}/assessments`, {
        kind: 'post',
        title: 'Post test',
        passingScore: 50,
        questions: [
          { type: 'true_false', prompt: 'Yes?', points: 1, correct: true },
          { type: 'short_answer', prompt: 'Why?', points: 3, modelAnswer: MODEL_ANSWER },
        ],
      }).expect(201)
    ).body as { id: string };
    const listed = await get(rep, `/courses/${course.id}/assessments`).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(MODEL_ANSWER);

    const submitted = await post(rep, `/assessments/${test.id}/attempts`, {
      answers: { q1: true, q2: 'because customers trust us' },
    }).expect(201);
    expect(submitted.body).toMatchObject({ status: 'awaiting_grading', score: null, passed: null });
    const attemptId = (submitted.body as { id: string }).id;
    const trainerTasks = (await get(trainer, '/me/tasks').expect(200)).body as {
      items: { subjectId: string }[];
    };
    expect(trainerTasks.items.map((task) => task.subjectId)).toContain(attemptId);

    await post(rep, `/attempts/${attemptId}/grade`, { points: { q2: 3 } }).expect(403);
    const tooMany = await post(trainer, `/attempts/${attemptId}/grade`, { points: { q2: 4 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({ code: 'GRADE_INVALID' });
    const graded = await post(trainer, `/attempts/${attemptId}/grade`, {
      points: { q2: 1 },
    }).expect(200);
    expect(graded.body).toMatchObject({ status: 'graded', score: 50, passed: true });
    await post(trainer, `/attempts/${attemptId}/grade`, { points: { q2: 1 } }).expect(409);
    await post(rep, `/assessments/${test.id}/attempts`, { answers: {} }).expect(409);
    const invalid = await post(rep, `/assessments/${test.id}/attempts`, { answers: { q9: true } });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ code: 'ANSWER_INVALID' });

    // The key is in no reply, event or log line.
    const record = await recordOf(rep, repId);
    const nc = await connect({ servers: natsUrl });
    try {
      const events = JSON.stringify(await storedEnvelopes(nc, 'SALESOPS_TRAINING'));
      const logs = [...stack.processes.values()].map((process) => process.output.join('')).join('');
      expect(logs).toContain('"msg":"request"');
      for (const [where, text] of [
        ['record', JSON.stringify(record)],
        ['attempt', JSON.stringify([submitted.body, graded.body])],
        ['events', events],
        ['logs', logs],
      ]) {
        expect({ where, leaked: text?.includes(MODEL_ANSWER) }).toEqual({ where, leaked: false });
      }
    } finally {
      await nc.close();
    }
  });

  it('lets no trainer grade their own attempt or reflection, nor record their own attendance', async () => {
    const course = await newCourse();
    const teamId = await newTeam();
    const memberId = await hire(teamId, 'Lin Wei');
    const own = (await stack.userWithToken(['trainer'], memberId, teamId)).token;
    const test = (
      await post(trainer, `/courses/${course.id}/assessments`, {
        kind: 'exam',
        title: 'Exam',
        passingScore: 50,
        questions: [{ type: 'short_answer', prompt: 'Why?', points: 2, modelAnswer: 'trust' }],
      }).expect(201)
    ).body as { id: string };
    const attemptId = (
      (
        await post(own, `/assessments/${test.id}/attempts`, {
          answers: { q1: 'because' },
        }).expect(201)
      ).body as { id: string }
    ).id;
    const selfGraded = await post(own, `/attempts/${attemptId}/grade`, { points: { q1: 2 } });
    expect(selfGraded.status).toBe(403);
    expect(selfGraded.body).toMatchObject({ code: 'SELF_DECISION' });
    await post(trainer, `/attempts/${attemptId}/grade`, { points: { q1: 1 } }).expect(200);

    const sessionId = await newSession(course.id, new Date(Date.now() - 3600_000));
    const seat = (await post(own, `/training-sessions/${sessionId}/enrollments`).expect(201))
      .body as Enrollment;
    const selfPresent = await post(own, `/training-sessions/${sessionId}/attendance`, {
      records: [{ memberId, status: 'present' }],
    });
    expect(selfPresent.status).toBe(403);
    expect(selfPresent.body).toMatchObject({ code: 'SELF_DECISION' });
    await post(trainer, `/training-sessions/${sessionId}/attendance`, {
      records: [{ memberId, status: 'present' }],
    }).expect(200);
    await post(own, `/training-sessions/${sessionId}/feedback`, {
      rating: 4,
      reflection: 'Listen first, then present.',
    }).expect(200);
    const selfReflection = await post(own, `/enrollments/${seat.id}/reflection-grade`, {
      grade: 5,
    });
    expect(selfReflection.status).toBe(403);
    expect(selfReflection.body).toMatchObject({ code: 'SELF_DECISION' });
    await post(trainer, `/enrollments/${seat.id}/reflection-grade`, { grade: 4 }).expect(200);
  });

  it('fills a session to its capacity under concurrent enrollments, and promotes the waiting list', async () => {
    const course = await newCourse();
    const teamId = await newTeam();
    const full = await newSession(course.id, new Date(Date.now() + 86_400_000), 3);
    const reps = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const memberId = randomUUID();
        return (await stack.userWithToken(['sales_rep'], memberId, teamId)).token;
      }),
    );
    const results = await Promise.all(
      reps.map((token) => post(token, `/training-sessions/${full}/enrollments`)),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(3);
    const refused = results.filter((result) => result.status === 409);
    expect(refused).toHaveLength(5);
    expect(refused.map((result) => (result.body as { code: string }).code)).toEqual(
      Array(5).fill('SESSION_FULL'),
    );

    const waiting = await newSession(course.id, new Date(Date.now() + 86_400_000), 1, true);
    const [a, b, c] = reps as [string, string, string];
    const seatA = (await post(a, `/training-sessions/${waiting}/enrollments`).expect(201))
      .body as Enrollment;
    const seatB = (await post(b, `/training-sessions/${waiting}/enrollments`).expect(201))
      .body as Enrollment;
    expect([seatA.status, seatB.status]).toEqual(['enrolled', 'waitlisted']);
    await post(b, `/training-sessions/${waiting}/enrollments`).expect(409);
    await post(c, `/enrollments/${seatA.id}/cancel`).expect(404);
    await post(a, `/enrollments/${seatA.id}/cancel`).expect(200);
    const record = await recordOf(b, seatB.memberId);
    expect(record.enrollments.find((row) => row.id === seatB.id)?.status).toBe('enrolled');
    const sessions = (await get(a, `/training-sessions?courseId=${course.id}`).expect(200))
      .body as {
      items: { id: string; enrolled: number; waitlisted: number }[];
    };
    expect(sessions.items.find((session) => session.id === waiting)).toMatchObject({
      enrolled: 1,
      waitlisted: 0,
    });
    expect(sessions.items.find((session) => session.id === full)).toMatchObject({ enrolled: 3 });
  });

  it('enrolls the responsible member in the remedial course once per complaint', async () => {
    const remedial = await newCourse({ category: 'customer_service' });
    const teamId = await newTeam();
    const repId = await hire(teamId);
    const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    const complaint = (complaintId: string, rootCauseCategory: string) => ({
      complaintId,
      customerId: randomUUID(),
      ownerId: repId,
      teamId,
      orderId: null,
      handlerId: randomUUID(),
      severity: 'high',
      period: '2026-11',
      version: 3,
      rootCauseCategory,
      responsibleMemberId: repId,
      remedialCourseId: rootCauseCategory === 'product' ? null : remedial.id,
      resolvedAt: new Date().toISOString(),
      late: false,
    });
    const skill = randomUUID();
    const attitude = randomUUID();
    await publishComplaintResolved(complaint(skill, 'sales_skill'));
    await publishComplaintResolved(complaint(skill, 'sales_skill'));
    await publishComplaintResolved(complaint(randomUUID(), 'product'));
    await publishComplaintResolved(complaint(attitude, 'service_attitude'));
    const remedials = await waitFor(async () => {
      const rows = (await recordOf(leader, repId)).enrollments.filter(
        (row) => row.reason === 'remedial',
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(remedials.map((row) => row.complaintId).sort()).toEqual([skill, attitude].sort());
    expect(remedials.every((row) => row.courseId === remedial.id)).toBe(true);
  });

  it("records attendance at the training service's clock, in the session's month", async () => {
    const course = await newCourse();
    const teamId = await newTeam();
    const repId = await hire(teamId, 'Bai Lu');
    const rep = (await stack.userWithToken(['sales_rep'], repId, teamId)).token;
    const startsAt = new Date(Date.now() - 40 * 24 * 3600_000);
    const sessionId = await newSession(course.id, startsAt);
    await post(rep, `/training-sessions/${sessionId}/enrollments`).expect(201);
    // The trainer records it an hour after the session began (the stack's clock).
    const at = new Date(startsAt.getTime() + 3600_000);
    stack.setClock(at);
    try {
      await post(trainer, `/training-sessions/${sessionId}/attendance`, {
        records: [{ memberId: repId, status: 'present' }],
      }).expect(200);
    } finally {
      stack.runClockFrom(new Date());
    }
    const nc = await connect({ servers: natsUrl });
    try {
      const recorded = await waitFor(async () => {
        const events = await storedEnvelopes<{
          type: string;
          data: { memberId: string; recordedAt: string; period: string };
        }>(nc, 'SALESOPS_TRAINING');
        return events.find(
          (event) => event.type === 'training.attendance.recorded' && event.data.memberId === repId,
        );
      });
      expect(recorded.data.recordedAt).toBe(at.toISOString());
      // The company calendar's month (Asia/Shanghai, UTC+8 all year) of the session.
      const month = new Date(startsAt.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
      expect(recorded.data.period).toBe(month);
    } finally {
      await nc.close();
    }
  });
});

import {
  DomainError,
  type IdentityClaims,
  type RpcClient,
  type RpcRequestInput,
} from '@salesops/rpc';
import { type Answers, TrainingRpc } from '@salesops/training-contracts';

import { identityOf } from './demo-identity';

type People = ReadonlyMap<string, { id: string; teamId: string }>;

type CourseInput = RpcRequestInput<typeof TrainingRpc.createCourse>['input'];
type QuestionInput = RpcRequestInput<typeof TrainingRpc.createAssessment>['input']['questions'];

const DEMO_COURSES: (CourseInput & { key: string })[] = [
  {
    key: 'onboarding',
    title: 'Welcome to SalesOps: products, process and people',
    category: 'onboarding',
    mode: 'offline',
    durationMinutes: 240,
    requiredFor: ['sales_rep', 'customer_service'],
    certificateValidityMonths: 24,
  },
  {
    key: 'product',
    title: 'Air purifiers and filters in depth',
    category: 'product_knowledge',
    mode: 'online',
    durationMinutes: 90,
  },
  {
    key: 'skills',
    title: 'Consultative selling',
    category: 'sales_skills',
    mode: 'offline',
    durationMinutes: 180,
  },
  {
    key: 'service',
    title: 'Handling complaints with care (remedial)',
    category: 'customer_service',
    mode: 'offline',
    durationMinutes: 120,
  },
  {
    key: 'culture',
    title: 'Our values',
    category: 'team_culture',
    mode: 'online',
    durationMinutes: 60,
  },
  {
    key: 'special',
    title: 'Trade fair preparation',
    category: 'special',
    mode: 'offline',
    durationMinutes: 120,
  },
];

const EXAM_QUESTIONS: QuestionInput = [
  {
    type: 'single',
    prompt: 'Who approves a price below the floor?',
    choices: ['The rep', 'A leader', 'Finance'],
    points: 2,
    correct: 1,
  },
  {
    type: 'multiple',
    prompt: 'Which belong on every follow-up?',
    choices: ['Channel', 'Outcome', 'Customer birthday', 'Next follow-up'],
    points: 2,
    correct: [0, 1, 3],
  },
  { type: 'true_false', prompt: 'A lead may be registered twice.', points: 1, correct: false },
];
const PASSING: Answers = { q1: 1, q2: [0, 1, 3], q3: false };
const FAILING: Answers = { q1: 0, q2: [2], q3: true };
/** The first question right: 40 of 100. */
const HALFWAY: Answers = { q1: 1, q2: [2], q3: true };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a seeding step was done by an earlier run (a second run meets its refusal). */
const doneBefore = (error: unknown, ...codes: string[]) =>
  error instanceof DomainError && codes.includes(error.code);

/**
 * Courses of every category, an exam for onboarding and selling, past sessions with attendance,
 * and attempts that passed (with a certificate to verify), failed, and left a rep to retrain.
 * Answers the demo courses' ids by key.
 * Idempotent: creates carry fixed keys, and what an earlier run did is refused and passed over.
 */
export async function seedDemoTraining(
  rpc: RpcClient,
  people: People,
): Promise<ReadonlyMap<string, string>> {
  const trainerMember = people.get('trainer') ?? null;
  const asTrainer = identityOf('trainer', 'trainer', trainerMember);
  const context = (identity: IdentityClaims) => ({
    requestId: 'demo-seed',
    identity,
    timeoutMs: 10_000,
  });
  const courses = new Map<string, string>();
  for (const { key, ...input } of DEMO_COURSES) {
    const course = await rpc.call(
      TrainingRpc.createCourse,
      { idempotencyKey: `demo-course-${key}`, input },
      context(asTrainer),
    );
    courses.set(key, course.id);
  }
  const assessmentOf = async (courseKey: string, kind: 'pre' | 'post' | 'exam' = 'exam') => {
    const courseId = courses.get(courseKey) as string;
    const existing = await rpc.call(
      TrainingRpc.listAssessments,
      { id: courseId },
      context(asTrainer),
    );
    const found = existing.items.find((assessment) => assessment.kind === kind);
    if (found) return found.id;
    const title = { pre: 'Pre-training test', post: 'Post-training test', exam: 'Exam' }[kind];
    const created = await rpc.call(
      TrainingRpc.createAssessment,
      { id: courseId, input: { kind, title, passingScore: 80, questions: EXAM_QUESTIONS } },
      context(asTrainer),
    );
    return created.id;
  };
  const examOf = (courseKey: string) => assessmentOf(courseKey);
  const onboardingExam = await examOf('onboarding');
  const skillsExam = await examOf('skills');
  const skillsPre = await assessmentOf('skills', 'pre');
  const skillsPost = await assessmentOf('skills', 'post');

  // Sessions are dated from today's (UTC) start, so a second load the same day repeats the request.
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const sessionOf = async (courseKey: string, daysFromNow: number) => {
    const startsAt = new Date(today + daysFromNow * DAY_MS + 2 * 3600_000).toISOString();
    return (
      await rpc.call(
        TrainingRpc.createSession,
        {
          idempotencyKey: `demo-session-${courseKey}-${startsAt}`,
          input: {
            courseId: courses.get(courseKey) as string,
            trainer: { memberId: trainerMember?.id ?? null, name: 'Liu Yang' },
            startsAt,
            location: 'Shanghai office, room 3',
            capacity: 12,
            waitlist: true,
          },
        },
        context(asTrainer),
      )
    ).id;
  };
  const onboardingSession = await sessionOf('onboarding', -20);
  const skillsSession = await sessionOf('skills', -10);
  await sessionOf('skills', 5);

  const reps = ['rep.east1a', 'rep.east1b', 'rep.west1a'].flatMap((username) => {
    const member = people.get(username);
    return member
      ? [{ username, member, identity: identityOf('sales_rep', username, member) }]
      : [];
  });
  for (const sessionId of [onboardingSession, skillsSession]) {
    for (const { identity } of reps) {
      await rpc
        .call(TrainingRpc.enroll, { id: sessionId, input: {} }, context(identity))
        .catch((error: unknown) => {
          if (!doneBefore(error, 'ALREADY_ENROLLED')) throw error;
        });
    }
    await rpc.call(
      TrainingRpc.recordAttendance,
      {
        id: sessionId,
        input: {
          records: reps.map(({ member }, index) => ({
            memberId: member.id,
            status: index === 2 ? ('late' as const) : ('present' as const),
          })),
        },
      },
      context(asTrainer),
    );
  }
  const [east1a, east1b, west1a] = reps;
  const attempt = async (
    who: (typeof reps)[number] | undefined,
    examId: string,
    answers: Answers,
  ) => {
    if (!who) return;
    await rpc
      .call(TrainingRpc.submitAttempt, { id: examId, input: { answers } }, context(who.identity))
      .catch((error: unknown) => {
        if (!doneBefore(error, 'ATTEMPT_NOT_ALLOWED', 'RETRAINING_REQUIRED')) throw error;
      });
  };
  for (const who of reps) await attempt(who, onboardingExam, PASSING);
  // Selling: one passes after a make-up, one fails both and must retrain, one failed once.
  await attempt(east1a, skillsExam, FAILING);
  await attempt(east1a, skillsExam, PASSING);
  await attempt(east1b, skillsExam, FAILING);
  await attempt(east1b, skillsExam, FAILING);
  await attempt(west1a, skillsExam, FAILING);
  // Pre- and post-training tests of selling (improvements 100, 60, 40), and two reflections.
  for (const [who, before, after] of [
    [east1a, FAILING, PASSING],
    [east1b, HALFWAY, PASSING],
    [west1a, FAILING, HALFWAY],
  ] as const) {
    await attempt(who, skillsPre, before);
    await attempt(who, skillsPost, after);
  }
  for (const [who, rating, reflection, grade] of [
    [east1a, 5, 'Qualifying questions first saved me two wasted visits.', 4],
    [east1b, 4, 'Asking before pitching works; I pitched too early.', 3],
  ] as const) {
    if (!who) continue;
    const feedback = await rpc.call(
      TrainingRpc.giveFeedback,
      { id: skillsSession, input: { rating, reflection } },
      context(who.identity),
    );
    // Graded once: a second load would announce the grade again.
    if (feedback.reflectionGrade === null) {
      await rpc.call(
        TrainingRpc.gradeReflection,
        { id: feedback.id, input: { grade } },
        context(asTrainer),
      );
    }
  }

  await seedDemoPlan(rpc, people, courses, {
    onboarding: new Date(today - 20 * DAY_MS),
    skills: new Date(today - 10 * DAY_MS),
  });
  return courses;
}

/**
 * East Team 1's plan for the year of its selling session: onboarding and selling in the months
 * their sessions were held, the other categories later. Keyed by its months, so a load on another
 * day that plans other months meets the plan of the first and leaves it.
 */
async function seedDemoPlan(
  rpc: RpcClient,
  people: People,
  courses: ReadonlyMap<string, string>,
  held: { onboarding: Date; skills: Date },
): Promise<void> {
  const leader = people.get('leader.east1');
  if (!leader) return;
  const year = held.skills.getUTCFullYear();
  const monthOf = (day: Date) => (day.getUTCFullYear() === year ? day.getUTCMonth() + 1 : 1);
  const items = [
    { key: 'onboarding', month: monthOf(held.onboarding), note: 'New hires of the spring intake' },
    { key: 'skills', month: monthOf(held.skills), note: 'Before the quarter closes' },
    { key: 'product', month: 3, note: 'New filter range' },
    { key: 'service', month: 6, note: '' },
    { key: 'culture', month: 9, note: '' },
    { key: 'special', month: 11, note: 'Trade fair' },
  ].map(({ key, month, note }) => ({ courseId: courses.get(key) as string, month, note }));
  await rpc
    .call(
      TrainingRpc.createTrainingPlan,
      {
        idempotencyKey: `demo-plan-east1-${year}-${items.map((item) => item.month).join('.')}`,
        input: { teamId: leader.teamId, year, items },
      },
      {
        requestId: 'demo-seed',
        identity: identityOf('team_leader', 'leader.east1', leader),
        timeoutMs: 10_000,
      },
    )
    .catch((error: unknown) => {
      if (!doneBefore(error, 'TRAINING_PLAN_EXISTS')) throw error;
    });
}

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
  const examOf = async (courseKey: string) => {
    const courseId = courses.get(courseKey) as string;
    const existing = await rpc.call(
      TrainingRpc.listAssessments,
      { id: courseId },
      context(asTrainer),
    );
    const found = existing.items.find((assessment) => assessment.kind === 'exam');
    if (found) return found.id;
    const created = await rpc.call(
      TrainingRpc.createAssessment,
      {
        id: courseId,
        input: { kind: 'exam', title: 'Exam', passingScore: 80, questions: EXAM_QUESTIONS },
      },
      context(asTrainer),
    );
    return created.id;
  };
  const onboardingExam = await examOf('onboarding');
  const skillsExam = await examOf('skills');

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
  if (east1b) {
    await rpc
      .call(
        TrainingRpc.giveFeedback,
        {
          id: skillsSession,
          input: { rating: 4, reflection: 'Asking before pitching works; I pitched too early.' },
        },
        context(east1b.identity),
      )
      .catch(() => undefined);
  }
  return courses;
}

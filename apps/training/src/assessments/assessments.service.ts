import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';
import { appendToOutbox } from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { DomainError, type IdentityClaims, type RpcRequest } from '@salesops/rpc';
import {
  type Assessment,
  type Attempt,
  TrainingEvents,
  TrainingRpc,
} from '@salesops/training-contracts';

import { seesScores } from '../access/reach';
import { CertificateIssuer } from '../certificates/certificate-issuer';
import { type CourseRow, CoursesRepository } from '../courses/courses.repository';
import { RosterRepository } from '../roster/roster.repository';
import { toAssessment, toAttempt } from './assessment.mapper';
import { type AttemptRow, AssessmentsRepository } from './assessments.repository';
import {
  AnswerMismatch,
  autoGrade,
  isPending,
  type Points,
  scoreOf,
  type StoredQuestion,
} from './scoring';

/**
 * Assessments and their attempts. An exam allows the course's `maxAttempts` (the exam and its
 * make-ups) per round; after the last failed one the member retrains (attends a new session of
 * the course) and has the attempts anew. Pre and post tests are taken once.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(AssessmentsRepository) private readonly assessments: AssessmentsRepository,
    @Inject(CoursesRepository) private readonly courses: CoursesRepository,
    @Inject(RosterRepository) private readonly roster: RosterRepository,
    @Inject(CertificateIssuer) private readonly issuer: CertificateIssuer,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  async create(
    { id: courseId, input }: RpcRequest<typeof TrainingRpc.createAssessment>,
    identity: IdentityClaims,
  ): Promise<Assessment> {
    const course = await this.courses.findById(courseId);
    if (!course) throw new DomainError('COURSE_NOT_FOUND');
    const questions: StoredQuestion[] = input.questions.map((question, index) => ({
      ...question,
      id: `q${index + 1}`,
    }));
    const row = await this.assessments.createAssessment({
      id: randomUUID(),
      courseId,
      kind: input.kind,
      title: input.title,
      passingScore: input.passingScore ?? course.passingScore,
      questions: questions as never,
      createdBy: identity.caller.id,
    });
    return toAssessment(row);
  }

  async list({ id: courseId }: RpcRequest<typeof TrainingRpc.listAssessments>) {
    if (!(await this.courses.findById(courseId))) throw new DomainError('COURSE_NOT_FOUND');
    return { items: (await this.assessments.assessmentsOf(courseId)).map(toAssessment) };
  }

  /** The caller's own attempt: graded at once, or waiting for the trainer's short-answer points. */
  async submit(
    { id: assessmentId, input }: RpcRequest<typeof TrainingRpc.submitAttempt>,
    identity: IdentityClaims,
  ): Promise<Attempt> {
    const memberId = identity.caller.memberId;
    if (!memberId) throw new DomainError('TRAINEE_UNKNOWN');
    const assessment = await this.assessments.assessment(assessmentId);
    const course = assessment && (await this.courses.findById(assessment.courseId));
    if (!assessment || !course) throw new DomainError('ASSESSMENT_NOT_FOUND');
    const questions = assessment.questions as unknown as StoredQuestion[];
    let points: Points;
    try {
      points = autoGrade(questions, input.answers);
    } catch (error) {
      if (!(error instanceof AnswerMismatch)) throw error;
      throw new DomainError('ANSWER_INVALID', undefined, undefined, [
        { path: `answers.${error.questionId}`, message: 'does not fit its question' },
      ]);
    }
    const trainee = await this.roster.find(memberId);
    const teamId = identity.caller.teamId ?? trainee?.teamId;
    if (!teamId) throw new DomainError('TRAINEE_UNKNOWN');

    const { row, certificate } = await this.unitOfWork.run(async (work) => {
      await this.assessments.lockAttempts(memberId, assessmentId, work);
      const previous = await this.assessments.attemptsOf(memberId, assessmentId, work);
      const round = await this.roundFor(assessment.kind, previous, course, memberId, work);
      const pending = isPending(points);
      const score = pending ? null : scoreOf(questions, points);
      const attempt = await this.assessments.createAttempt(
        {
          id: randomUUID(),
          assessmentId,
          courseId: course.id,
          kind: assessment.kind,
          memberId,
          teamId,
          attemptNo: previous.length + 1,
          round,
          answers: input.answers,
          points,
          score,
          passed: score === null ? null : score >= assessment.passingScore,
          status: pending ? 'awaiting_grading' : 'graded',
          retrainingRequired: false,
          gradedAt: pending ? null : new Date(),
          gradedBy: pending ? null : 'auto',
        },
        work,
      );
      return pending
        ? { row: attempt, certificate: null }
        : this.settled(attempt, course, previous, assessment.passingScore, work);
    });
    return toAttempt(row, certificate, { withScore: true });
  }

  /** The trainer's points for the short answers; then the attempt is final. */
  async grade(
    { id, input }: RpcRequest<typeof TrainingRpc.gradeAttempt>,
    identity: IdentityClaims,
  ): Promise<Attempt> {
    const attempt = await this.assessments.attempt(id);
    if (!attempt) throw new DomainError('ATTEMPT_NOT_FOUND');
    if (attempt.memberId === identity.caller.memberId) {
      throw new DomainError('SELF_DECISION', 'Nobody grades their own attempt');
    }
    if (attempt.status !== 'awaiting_grading') throw new DomainError('ATTEMPT_ALREADY_GRADED');
    const assessment = await this.assessments.assessment(attempt.assessmentId);
    const course = assessment && (await this.courses.findById(assessment.courseId));
    if (!assessment || !course) throw new DomainError('ATTEMPT_NOT_FOUND');
    const questions = assessment.questions as unknown as StoredQuestion[];
    const points = { ...(attempt.points as Points) };
    const waiting = questions.filter((question) => points[question.id] === null);
    const given = Object.keys(input.points);
    const fits =
      given.length === waiting.length &&
      waiting.every((question) => {
        const value = input.points[question.id];
        return value !== undefined && value <= question.points;
      });
    if (!fits) {
      throw new DomainError('GRADE_INVALID', undefined, {
        questions: waiting.map((question) => ({ id: question.id, points: question.points })),
      });
    }
    for (const question of waiting) points[question.id] = input.points[question.id] ?? 0;
    const score = scoreOf(questions, points);
    const { row, certificate } = await this.unitOfWork.run(async (work) => {
      await this.assessments.lockAttempts(attempt.memberId, attempt.assessmentId, work);
      const previous = (
        await this.assessments.attemptsOf(attempt.memberId, attempt.assessmentId, work)
      ).filter((other) => other.id !== attempt.id);
      const graded = await this.assessments.settleAttempt(
        id,
        {
          points,
          score,
          passed: score >= assessment.passingScore,
          retrainingRequired: false,
          gradedAt: new Date(),
          gradedBy: identity.caller.id,
        },
        work,
      );
      if (!graded) throw new DomainError('ATTEMPT_ALREADY_GRADED');
      return this.settled(graded, course, previous, assessment.passingScore, work);
    });
    return toAttempt(row, certificate, { withScore: seesScores(identity, row) });
  }

  /**
   * The round a new attempt counts in: refused while one waits for grading or once passed (an
   * exam), once taken (a pre or post test), and after the round's last failure until the member
   * retrains, which opens the next round.
   */
  private async roundFor(
    kind: string,
    previous: AttemptRow[],
    course: CourseRow,
    memberId: string,
    work: Work,
  ): Promise<number> {
    const last = previous.at(-1);
    if (!last) return 1;
    if (kind !== 'exam') throw new DomainError('ATTEMPT_NOT_ALLOWED', undefined, { kind });
    if (previous.some((attempt) => attempt.status === 'awaiting_grading' || attempt.passed)) {
      throw new DomainError('ATTEMPT_NOT_ALLOWED', undefined, { kind });
    }
    const failed = previous.filter((attempt) => attempt.round === last.round).length;
    if (failed < course.maxAttempts) return last.round;
    const since = last.gradedAt ?? last.submittedAt;
    if (!(await this.assessments.retrainedSince(memberId, course.id, since, work))) {
      throw new DomainError('RETRAINING_REQUIRED', undefined, {
        courseId: course.id,
        maxAttempts: course.maxAttempts,
      });
    }
    return last.round + 1;
  }

  /** A final attempt: its events, and a passed exam's certificate. */
  private async settled(
    attempt: AttemptRow,
    course: CourseRow,
    previous: AttemptRow[],
    passingScore: number,
    work: Work,
  ): Promise<{ row: AttemptRow; certificate: string | null }> {
    const gradedAt = attempt.gradedAt ?? new Date();
    const facts = {
      memberId: attempt.memberId,
      teamId: attempt.teamId,
      courseId: course.id,
      period: this.calendar.monthOf(gradedAt),
      assessmentId: attempt.assessmentId,
      attemptId: attempt.id,
      kind: attempt.kind as Attempt['kind'],
      score: attempt.score ?? 0,
      passingScore,
      attemptNo: attempt.attemptNo,
      gradedAt: gradedAt.toISOString(),
    };
    if (attempt.passed) {
      await appendToOutbox(work, TrainingEvents.assessmentPassed, attempt.id, facts);
      if (attempt.kind !== 'exam') return { row: attempt, certificate: null };
      const certificate = await this.issuer.issue(attempt, course, work);
      return { row: attempt, certificate: certificate.number };
    }
    const failedInRound =
      previous.filter((other) => other.round === attempt.round && other.passed === false).length +
      1;
    const retrainingRequired = attempt.kind === 'exam' && failedInRound >= course.maxAttempts;
    const row = retrainingRequired
      ? await this.assessments.markRetrainingRequired(attempt.id, work)
      : attempt;
    await appendToOutbox(work, TrainingEvents.assessmentFailed, attempt.id, {
      ...facts,
      retrainingRequired,
    });
    return { row, certificate: null };
  }
}

import { Inject, Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import type {
  Assessment as AssessmentRow,
  Attempt as AttemptRow,
  Prisma,
} from '../generated/prisma/client';

export type {
  Assessment as AssessmentRow,
  Attempt as AttemptRow,
} from '../generated/prisma/client';

export type NewAttempt = Omit<AttemptRow, 'submittedAt' | 'answers' | 'points'> & {
  answers: Prisma.InputJsonValue;
  points: Prisma.InputJsonValue;
};

@Injectable()
export class AssessmentsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  createAssessment(
    row: Omit<AssessmentRow, 'createdAt' | 'questions'> & { questions: Prisma.InputJsonValue },
  ): Promise<AssessmentRow> {
    return this.prisma.assessment.create({ data: row });
  }

  assessment(id: string, work?: Work): Promise<AssessmentRow | null> {
    return this.prisma.within(work).assessment.findUnique({ where: { id } });
  }

  assessmentsOf(courseId: string): Promise<AssessmentRow[]> {
    return this.prisma.assessment.findMany({ where: { courseId }, orderBy: { createdAt: 'asc' } });
  }

  examCourseIds(courseIds: readonly string[]): Promise<{ courseId: string }[]> {
    return this.prisma.assessment.findMany({
      where: { courseId: { in: [...courseIds] }, kind: 'exam' },
      select: { courseId: true },
    });
  }

  /** Holds the member's attempts at one assessment until the transaction ends. */
  async lockAttempts(memberId: string, assessmentId: string, work: Work): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
      `attempts:${memberId}:${assessmentId}`,
    );
  }

  attemptsOf(memberId: string, assessmentId: string, work?: Work): Promise<AttemptRow[]> {
    return this.prisma.within(work).attempt.findMany({
      where: { memberId, assessmentId },
      orderBy: { attemptNo: 'asc' },
    });
  }

  attempt(id: string, work?: Work): Promise<AttemptRow | null> {
    return this.prisma.within(work).attempt.findUnique({ where: { id } });
  }

  createAttempt(row: NewAttempt, work: Work): Promise<AttemptRow> {
    return this.prisma.within(work).attempt.create({ data: row });
  }

  /** Settles an attempt still awaiting grading; null when another grading came first. */
  async settleAttempt(
    id: string,
    change: Pick<
      AttemptRow,
      'score' | 'passed' | 'retrainingRequired' | 'gradedAt' | 'gradedBy'
    > & {
      points: Prisma.InputJsonValue;
    },
    work: Work,
  ): Promise<AttemptRow | null> {
    const tx = this.prisma.within(work);
    const { count } = await tx.attempt.updateMany({
      where: { id, status: 'awaiting_grading' },
      data: { ...change, status: 'graded' },
    });
    return count === 1 ? tx.attempt.findUnique({ where: { id } }) : null;
  }

  /**
   * Whether the member attended (present or late) a session of the course that starts after
   * `since`, with the attendance recorded after it: a new session, not one attended before.
   */
  async retrainedSince(
    memberId: string,
    courseId: string,
    since: Date,
    work: Work,
  ): Promise<boolean> {
    const rows = await sqlOf(work).$queryRawUnsafe<{ found: number }[]>(
      `SELECT 1 AS found FROM enrollment e JOIN training_session s ON s.id = e."sessionId"
        WHERE e."memberId" = $1::uuid AND s."courseId" = $2::uuid
          AND e.attendance IN ('present', 'late') AND e."attendanceAt" > $3
          AND s."startsAt" > $3
        LIMIT 1`,
      memberId,
      courseId,
      since,
    );
    return rows.length > 0;
  }

  markRetrainingRequired(id: string, work: Work): Promise<AttemptRow> {
    return this.prisma
      .within(work)
      .attempt.update({ where: { id }, data: { retrainingRequired: true } });
  }

  awaitingGrading(): Promise<AttemptRow[]> {
    return this.prisma.attempt.findMany({
      where: { status: 'awaiting_grading' },
      orderBy: { submittedAt: 'asc' },
      take: 100,
    });
  }

  /** The member's last exam attempt per assessment that left them needing to retrain. */
  retrainingOf(memberId: string): Promise<AttemptRow[]> {
    return this.prisma.attempt.findMany({
      where: { memberId, kind: 'exam', retrainingRequired: true },
      orderBy: { submittedAt: 'desc' },
      take: 20,
    });
  }

  attemptsOfMember(memberId: string): Promise<AttemptRow[]> {
    return this.prisma.attempt.findMany({
      where: { memberId },
      orderBy: { submittedAt: 'asc' },
    });
  }

  latestAttempt(memberId: string, assessmentId: string): Promise<AttemptRow | null> {
    return this.prisma.attempt.findFirst({
      where: { memberId, assessmentId },
      orderBy: { attemptNo: 'desc' },
    });
  }
}

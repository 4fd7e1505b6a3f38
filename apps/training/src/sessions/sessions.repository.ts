import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { newestFirst, sqlOf, type Work } from '@salesops/persistence';
import type { ListSessionsQuery } from '@salesops/training-contracts';

import { PrismaService } from '../database/prisma.service';
import type {
  Enrollment as EnrollmentRow,
  Prisma,
  TrainingSession as SessionRow,
} from '../generated/prisma/client';

export type {
  Enrollment as EnrollmentRow,
  TrainingSession as SessionRow,
} from '../generated/prisma/client';

export type NewEnrollment = Omit<
  EnrollmentRow,
  | 'id'
  | 'createdAt'
  | 'attendance'
  | 'attendanceAt'
  | 'rating'
  | 'reflection'
  | 'reflectionGrade'
  | 'reflectionDueAt'
  | 'feedbackAt'
>;

const OPEN = ['enrolled', 'waitlisted'];

export interface EvaluationRow {
  attended: number;
  improvementCount: number;
  improvementAverage: number | null;
  ratingCount: number;
  ratingAverage: number | null;
  reflectionGradeCount: number;
  reflectionGradeAverage: number | null;
}

@Injectable()
export class SessionsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  createSession(row: Omit<SessionRow, 'createdAt' | 'status'>): Promise<SessionRow> {
    return this.prisma.trainingSession.create({ data: row });
  }

  session(id: string, work?: Work): Promise<SessionRow | null> {
    return this.prisma.within(work).trainingSession.findUnique({ where: { id } });
  }

  /** The session, its row locked until the transaction ends: enrollments in it queue here. */
  async lockSession(id: string, work: Work): Promise<SessionRow | null> {
    const rows = await sqlOf(work).$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM training_session WHERE id = $1::uuid FOR UPDATE`,
      id,
    );
    return rows.length === 0 ? null : this.session(id, work);
  }

  listSessions(query: ListSessionsQuery): Promise<SessionRow[]> {
    const page = newestFirst<
      Prisma.TrainingSessionWhereInput,
      Prisma.TrainingSessionOrderByWithRelationInput
    >(query);
    return this.prisma.trainingSession.findMany({
      where: { AND: [page.after], ...(query.courseId ? { courseId: query.courseId } : {}) },
      orderBy: page.orderBy,
      take: page.take,
    });
  }

  /** Enrolled and wait-listed counts per session. */
  async counts(
    sessionIds: readonly string[],
  ): Promise<Map<string, { enrolled: number; waitlisted: number }>> {
    const groups = await this.prisma.enrollment.groupBy({
      by: ['sessionId', 'status'],
      where: { sessionId: { in: [...sessionIds] }, status: { in: OPEN } },
      _count: { _all: true },
    });
    const counts = new Map<string, { enrolled: number; waitlisted: number }>();
    for (const group of groups) {
      if (!group.sessionId) continue;
      const entry = counts.get(group.sessionId) ?? { enrolled: 0, waitlisted: 0 };
      if (group.status === 'enrolled') entry.enrolled = group._count._all;
      else entry.waitlisted = group._count._all;
      counts.set(group.sessionId, entry);
    }
    return counts;
  }

  enrolledCount(sessionId: string, work: Work): Promise<number> {
    return this.prisma.within(work).enrollment.count({ where: { sessionId, status: 'enrolled' } });
  }

  openEnrollment(sessionId: string, memberId: string, work?: Work): Promise<EnrollmentRow | null> {
    return this.prisma
      .within(work)
      .enrollment.findFirst({ where: { sessionId, memberId, status: { in: OPEN } } });
  }

  /** A course enrollment (onboarding, remedial) still waiting to be placed in a session. */
  unplaced(memberId: string, courseId: string, work: Work): Promise<EnrollmentRow | null> {
    return this.prisma.within(work).enrollment.findFirst({
      where: { memberId, courseId, sessionId: null, status: 'enrolled' },
      orderBy: { createdAt: 'asc' },
    });
  }

  enrollment(id: string, work?: Work): Promise<EnrollmentRow | null> {
    return this.prisma.within(work).enrollment.findUnique({ where: { id } });
  }

  createEnrollment(row: NewEnrollment, work: Work): Promise<EnrollmentRow> {
    return this.prisma.within(work).enrollment.create({ data: { id: randomUUID(), ...row } });
  }

  /** Creates the enrollment unless one with its `onceKey` exists; null when it did. */
  async createOnce(
    row: NewEnrollment & { onceKey: string },
    work: Work,
  ): Promise<EnrollmentRow | null> {
    const inserted = await sqlOf(work).$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO enrollment (id, "memberId", "teamId", "courseId", "sessionId", reason,
         "complaintId", "onceKey", status)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, NULL, $5, $6::uuid, $7, $8)
       ON CONFLICT ("onceKey") DO NOTHING RETURNING id`,
      randomUUID(),
      row.memberId,
      row.teamId,
      row.courseId,
      row.reason,
      row.complaintId,
      row.onceKey,
      row.status,
    );
    const id = inserted[0]?.id;
    return id ? this.enrollment(id, work) : null;
  }

  updateEnrollment(
    id: string,
    change: Partial<Omit<EnrollmentRow, 'id'>>,
    work?: Work,
  ): Promise<EnrollmentRow> {
    return this.prisma.within(work).enrollment.update({ where: { id }, data: change });
  }

  firstWaiting(sessionId: string, work: Work): Promise<EnrollmentRow | null> {
    return this.prisma.within(work).enrollment.findFirst({
      where: { sessionId, status: 'waitlisted' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  enrolledIn(
    sessionId: string,
    memberIds: readonly string[],
    work: Work,
  ): Promise<EnrollmentRow[]> {
    return this.prisma.within(work).enrollment.findMany({
      where: { sessionId, memberId: { in: [...memberIds] }, status: 'enrolled' },
    });
  }

  enrollmentsOf(memberId: string): Promise<EnrollmentRow[]> {
    return this.prisma.enrollment.findMany({ where: { memberId }, orderBy: { createdAt: 'asc' } });
  }

  /** The member's sessions (enrolled) starting between the two instants. */
  async upcomingOf(memberId: string, from: Date, to: Date): Promise<SessionRow[]> {
    const enrollments = await this.prisma.enrollment.findMany({
      where: { memberId, status: 'enrolled', sessionId: { not: null } },
      select: { sessionId: true },
    });
    const ids = enrollments.flatMap((row) => (row.sessionId ? [row.sessionId] : []));
    return this.prisma.trainingSession.findMany({
      where: { id: { in: ids }, status: 'scheduled', startsAt: { gte: from, lt: to } },
    });
  }

  /**
   * Averages over the session's attending trainees (of the given teams, or all): the improvement
   * from their latest graded pre-test to their latest graded post-test of the course, their
   * rating and their reflection's grade, each over those who have one.
   */
  async evaluation(
    session: { id: string; courseId: string },
    teamIds: readonly string[] | null,
  ): Promise<EvaluationRow> {
    const rows = await this.prisma.$queryRawUnsafe<EvaluationRow[]>(
      `WITH attendee AS (
         SELECT e."memberId", e.rating, e."reflectionGrade" FROM enrollment e
         WHERE e."sessionId" = $1::uuid AND e.status = 'enrolled'
           AND e.attendance IN ('present', 'late')
           AND ($3::uuid[] IS NULL OR e."teamId" = ANY($3::uuid[]))
       ), latest AS (
         SELECT DISTINCT ON (a."memberId", a.kind) a."memberId", a.kind, a.score FROM attempt a
         JOIN attendee t ON t."memberId" = a."memberId"
         WHERE a."courseId" = $2::uuid AND a.kind IN ('pre', 'post') AND a.score IS NOT NULL
         ORDER BY a."memberId", a.kind, a."submittedAt" DESC, a.id DESC
       ), gain AS (
         SELECT post.score - pre.score AS improvement FROM latest pre
         JOIN latest post ON post."memberId" = pre."memberId" AND post.kind = 'post'
         WHERE pre.kind = 'pre'
       )
       SELECT (SELECT count(*) FROM attendee)::int AS attended,
         (SELECT count(*) FROM gain)::int AS "improvementCount",
         (SELECT round(avg(improvement)::numeric, 2)::float8 FROM gain) AS "improvementAverage",
         (SELECT count(rating) FROM attendee)::int AS "ratingCount",
         (SELECT round(avg(rating), 2)::float8 FROM attendee) AS "ratingAverage",
         (SELECT count("reflectionGrade") FROM attendee)::int AS "reflectionGradeCount",
         (SELECT round(avg("reflectionGrade"), 2)::float8 FROM attendee) AS "reflectionGradeAverage"`,
      session.id,
      session.courseId,
      teamIds ? [...teamIds] : null,
    );
    return rows[0] as EvaluationRow;
  }

  /** The member's attended sessions whose reflection is still due (not yet past its time). */
  reflectionsOwed(memberId: string, now: Date): Promise<EnrollmentRow[]> {
    return this.prisma.enrollment.findMany({
      where: { memberId, reflection: null, reflectionDueAt: { gt: now } },
      orderBy: { reflectionDueAt: 'asc' },
    });
  }

  reflectionsToGrade(): Promise<EnrollmentRow[]> {
    return this.prisma.enrollment.findMany({
      where: { reflection: { not: null }, reflectionGrade: null },
      orderBy: { feedbackAt: 'asc' },
      take: 100,
    });
  }
}

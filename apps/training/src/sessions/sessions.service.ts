import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import { appendToOutbox } from '@salesops/messaging';
import { runIdempotent, toPage, UnitOfWork, type Work } from '@salesops/persistence';
import {
  DomainError,
  type IdentityClaims,
  reachOf,
  type RpcReply,
  type RpcRequest,
} from '@salesops/rpc';
import {
  type AttendanceStatus,
  type Enrollment,
  type SessionEvaluation,
  TrainingEvents,
  TrainingRpc,
  type TrainingSession,
} from '@salesops/training-contracts';

import { reaches } from '../access/reach';
import { CoursesRepository } from '../courses/courses.repository';
import { RosterRepository } from '../roster/roster.repository';
import { CourseEnrollments } from './course-enrollments';
import { toEnrollment, toSession } from './enrollment.mapper';
import { type EnrollmentRow, SessionsRepository } from './sessions.repository';

/**
 * Sessions of a course: enrollment up to the capacity (beyond it refused, or wait-listed when the
 * session keeps a waiting list, and promoted in order when a seat frees), attendance by the
 * trainer, feedback by those who attended. Enrollments in one session are decided one at a time
 * (the session's row lock), so concurrent enrollments never overfill it.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(CoursesRepository) private readonly courses: CoursesRepository,
    @Inject(RosterRepository) private readonly roster: RosterRepository,
    @Inject(CourseEnrollments) private readonly courseEnrollments: CourseEnrollments,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async create(
    { idempotencyKey: key, input }: RpcRequest<typeof TrainingRpc.createSession>,
    identity: IdentityClaims,
  ): Promise<TrainingSession> {
    if (!(await this.courses.findById(input.courseId))) {
      throw new DomainError('COURSE_NOT_FOUND', undefined, undefined, [
        { path: 'courseId', message: 'no such course' },
      ]);
    }
    const scope = `${identity.caller.id}:${TrainingRpc.createSession.subject}`;
    return this.unitOfWork.run((work) =>
      runIdempotent(work, { scope, key, request: input, cipher: null }, async () =>
        toSession(
          await this.sessions.createSession({
            id: randomUUID(),
            courseId: input.courseId,
            trainerMemberId: input.trainer.memberId,
            trainerName: input.trainer.name,
            startsAt: new Date(input.startsAt),
            location: input.location,
            capacity: input.capacity,
            waitlist: input.waitlist,
          }),
        ),
      ),
    );
  }

  async list(
    query: RpcRequest<typeof TrainingRpc.listSessions>,
  ): Promise<RpcReply<typeof TrainingRpc.listSessions>> {
    const rows = await this.sessions.listSessions(query);
    const counts = await this.sessions.counts(rows.map((row) => row.id));
    return toPage(
      rows.map((row) => toSession(row, counts.get(row.id))),
      query.limit,
      (session) => session.createdAt,
    );
  }

  async get({ id }: RpcRequest<typeof TrainingRpc.getSession>): Promise<TrainingSession> {
    const row = await this.sessions.session(id);
    if (!row) throw new DomainError('SESSION_NOT_FOUND');
    const counts = await this.sessions.counts([row.id]);
    return toSession(row, counts.get(row.id));
  }

  /**
   * The session's trainer, trainers, HR and directors see the averages of the whole session;
   * leaders those of their teams' trainees in it (nothing of another team's scores).
   */
  async evaluation(
    { id }: RpcRequest<typeof TrainingRpc.sessionEvaluation>,
    identity: IdentityClaims,
  ): Promise<SessionEvaluation> {
    const session = await this.sessions.session(id);
    if (!session) throw new DomainError('SESSION_NOT_FOUND');
    const roles = identity.caller.roles;
    const wholeSession =
      (session.trainerMemberId !== null && session.trainerMemberId === identity.caller.memberId) ||
      identity.permissions.includes('training:manage') ||
      roles.includes('hr') ||
      roles.includes('director');
    const reach = reachOf(identity);
    const leads = roles.some((role) => ['manager', 'team_leader', 'vice_leader'].includes(role));
    if (!wholeSession && !leads) throw new DomainError('SESSION_NOT_FOUND');
    const teamIds = wholeSession || 'all' in reach ? null : 'teamIds' in reach ? reach.teamIds : [];
    const row = await this.sessions.evaluation(session, teamIds);
    return {
      sessionId: id,
      over: teamIds ? 'reach' : 'session',
      attended: row.attended,
      improvement: { count: row.improvementCount, average: row.improvementAverage },
      rating: { count: row.ratingCount, average: row.ratingAverage },
      reflectionGrade: { count: row.reflectionGradeCount, average: row.reflectionGradeAverage },
    };
  }

  /** Oneself, or a member of the caller's reach (leaders), or anyone (trainers, directors). */
  async enroll(
    { id, input }: RpcRequest<typeof TrainingRpc.enroll>,
    identity: IdentityClaims,
  ): Promise<Enrollment> {
    const { memberId, teamId } = await this.traineeFor(input.memberId, identity);
    const row = await this.unitOfWork.run(async (work) => {
      const session = await this.sessions.lockSession(id, work);
      if (!session) throw new DomainError('SESSION_NOT_FOUND');
      if (session.status === 'cancelled') throw new DomainError('SESSION_CANCELLED');
      if (await this.sessions.openEnrollment(id, memberId, work)) {
        throw new DomainError('ALREADY_ENROLLED');
      }
      const enrolled = await this.sessions.enrolledCount(id, work);
      const status =
        enrolled < session.capacity ? 'enrolled' : session.waitlist ? 'waitlisted' : null;
      if (!status) throw new DomainError('SESSION_FULL', undefined, { capacity: session.capacity });
      // An onboarding or remedial enrollment in the course takes its seat here.
      const unplaced = await this.sessions.unplaced(memberId, session.courseId, work);
      if (unplaced) {
        return this.sessions.updateEnrollment(unplaced.id, { sessionId: id, status }, work);
      }
      const created = await this.sessions.createEnrollment(
        {
          memberId,
          teamId,
          courseId: session.courseId,
          sessionId: id,
          reason: memberId === identity.caller.memberId ? 'self' : 'leader',
          complaintId: null,
          onceKey: null,
          status,
        },
        work,
      );
      await this.courseEnrollments.announce(created, work);
      return created;
    });
    return toEnrollment(row);
  }

  /** The member, a leader in reach or a trainer cancels; the first on the waiting list moves up. */
  async cancel(
    { id }: RpcRequest<typeof TrainingRpc.cancelEnrollment>,
    identity: IdentityClaims,
  ): Promise<Enrollment> {
    const found = await this.sessions.enrollment(id);
    if (!found || !this.mayActFor(identity, found)) throw new DomainError('ENROLLMENT_NOT_FOUND');
    const row = await this.unitOfWork.run(async (work) => {
      if (found.sessionId) await this.sessions.lockSession(found.sessionId, work);
      const current = await this.sessions.enrollment(id, work);
      if (!current || !['enrolled', 'waitlisted'].includes(current.status)) {
        throw new DomainError('ENROLLMENT_NOT_CANCELLABLE');
      }
      const cancelled = await this.sessions.updateEnrollment(id, { status: 'cancelled' }, work);
      if (current.status === 'enrolled' && current.sessionId) {
        await this.promote(current.sessionId, work);
      }
      return cancelled;
    });
    return toEnrollment(row);
  }

  async recordAttendance(
    { id, input }: RpcRequest<typeof TrainingRpc.recordAttendance>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof TrainingRpc.recordAttendance>> {
    const session = await this.sessions.session(id);
    if (!session) throw new DomainError('SESSION_NOT_FOUND');
    const memberIds = input.records.map((record) => record.memberId);
    if (memberIds.includes(identity.caller.memberId ?? '')) {
      throw new DomainError('SELF_DECISION', 'Nobody records their own attendance');
    }
    const rows = await this.unitOfWork.run(async (work) => {
      const enrollments = await this.sessions.enrolledIn(id, memberIds, work);
      const byMember = new Map(enrollments.map((row) => [row.memberId, row]));
      const missing = memberIds.filter((memberId) => !byMember.has(memberId));
      if (missing.length > 0) {
        throw new DomainError('NOT_ENROLLED', undefined, { memberIds: missing });
      }
      const recordedAt = this.clock.now();
      // The end of the seventh company day after the attendance is first recorded.
      const reflectionDueAt = this.calendar.dueAfterDays(recordedAt, REFLECTION_DAYS + 1);
      const updated: EnrollmentRow[] = [];
      for (const record of input.records) {
        const enrollment = byMember.get(record.memberId) as EnrollmentRow;
        const attended = isAttended(record.status);
        const row = await this.sessions.updateEnrollment(
          enrollment.id,
          {
            attendance: record.status,
            attendanceAt: recordedAt,
            reflectionDueAt: attended ? (enrollment.reflectionDueAt ?? reflectionDueAt) : null,
          },
          work,
        );
        await appendToOutbox(work, TrainingEvents.attendanceRecorded, row.id, {
          memberId: row.memberId,
          teamId: row.teamId,
          courseId: row.courseId,
          period: this.calendar.monthOf(session.startsAt),
          sessionId: id,
          enrollmentId: row.id,
          status: record.status,
          recordedAt: recordedAt.toISOString(),
        });
        updated.push(row);
      }
      return updated;
    });
    return { items: rows.map(toEnrollment) };
  }

  /** The caller's rating (1–5) and reflection on a session they attended. */
  async feedback(
    { id, input }: RpcRequest<typeof TrainingRpc.giveFeedback>,
    identity: IdentityClaims,
  ): Promise<Enrollment> {
    const memberId = identity.caller.memberId;
    const enrollment = memberId ? await this.sessions.openEnrollment(id, memberId) : null;
    if (!enrollment) throw new DomainError('NOT_ENROLLED');
    if (!isAttended(enrollment.attendance)) throw new DomainError('NOT_ATTENDED');
    const now = this.clock.now();
    const due = enrollment.reflectionDueAt;
    if (input.reflection !== undefined && due && now >= due) {
      throw new DomainError('REFLECTION_OVERDUE', undefined, { dueAt: due.toISOString() });
    }
    const row = await this.sessions.updateEnrollment(enrollment.id, {
      rating: input.rating,
      reflection: input.reflection ?? enrollment.reflection,
      feedbackAt: now,
    });
    return toEnrollment(row);
  }

  /** The trainer grades a reflection's quality 1–5. */
  async gradeReflection(
    { id, input }: RpcRequest<typeof TrainingRpc.gradeReflection>,
    identity: IdentityClaims,
  ): Promise<Enrollment> {
    const enrollment = await this.sessions.enrollment(id);
    if (!enrollment?.sessionId) throw new DomainError('ENROLLMENT_NOT_FOUND');
    if (enrollment.memberId === identity.caller.memberId) {
      throw new DomainError('SELF_DECISION', 'Nobody grades their own reflection');
    }
    if (!enrollment.reflection) throw new DomainError('REFLECTION_MISSING');
    const sessionId = enrollment.sessionId;
    const row = await this.unitOfWork.run(async (work) => {
      const graded = await this.sessions.updateEnrollment(
        id,
        { reflectionGrade: input.grade },
        work,
      );
      const gradedAt = this.clock.now();
      await appendToOutbox(work, TrainingEvents.reflectionGraded, id, {
        memberId: graded.memberId,
        teamId: graded.teamId,
        courseId: graded.courseId,
        period: this.calendar.monthOf(gradedAt),
        sessionId,
        enrollmentId: id,
        grade: input.grade,
        gradedAt: gradedAt.toISOString(),
      });
      return graded;
    });
    return toEnrollment(row);
  }

  private async promote(sessionId: string, work: Work): Promise<void> {
    const next = await this.sessions.firstWaiting(sessionId, work);
    if (next) await this.sessions.updateEnrollment(next.id, { status: 'enrolled' }, work);
  }

  private async traineeFor(
    memberId: string | undefined,
    identity: IdentityClaims,
  ): Promise<{ memberId: string; teamId: string }> {
    const self = identity.caller.memberId;
    const target = memberId ?? self;
    if (!target) throw new DomainError('TRAINEE_UNKNOWN');
    const trainee = await this.roster.find(target);
    if (target === self) {
      const teamId = identity.caller.teamId ?? trainee?.teamId;
      if (!teamId) throw new DomainError('TRAINEE_UNKNOWN');
      return { memberId: target, teamId };
    }
    const mayEnrollOthers =
      identity.permissions.includes('training:manage') ||
      identity.caller.roles.some((role) =>
        ['director', 'manager', 'team_leader', 'vice_leader'].includes(role),
      );
    if (!trainee || !mayEnrollOthers || !reaches(identity, trainee)) {
      throw new DomainError('TRAINEE_UNKNOWN');
    }
    return { memberId: target, teamId: trainee.teamId };
  }

  private mayActFor(identity: IdentityClaims, enrollment: EnrollmentRow): boolean {
    if (identity.caller.memberId === enrollment.memberId) return true;
    if (identity.permissions.includes('training:manage')) return true;
    const leads = identity.caller.roles.some((role) =>
      ['director', 'manager', 'team_leader', 'vice_leader'].includes(role),
    );
    return leads && reaches(identity, enrollment);
  }
}

const REFLECTION_DAYS = 7;

function isAttended(status: string | null): status is AttendanceStatus {
  return status === 'present' || status === 'late';
}

import { Inject, Injectable } from '@nestjs/common';

import { DomainError, type IdentityClaims, type RpcRequest } from '@salesops/rpc';
import {
  type OnboardingCheckpoint,
  type TrainingRecord,
  TrainingRpc,
} from '@salesops/training-contracts';

import { reaches, seesScores } from '../access/reach';
import { toAttempt } from '../assessments/assessment.mapper';
import { AssessmentsRepository } from '../assessments/assessments.repository';
import { isValid } from '../certificates/certificate.mapper';
import { CertificatesRepository } from '../certificates/certificates.repository';
import { CertificatesService } from '../certificates/certificates.service';
import { CoursesRepository } from '../courses/courses.repository';
import { RosterRepository } from '../roster/roster.repository';
import { toEnrollment } from '../sessions/enrollment.mapper';
import { SessionsRepository } from '../sessions/sessions.repository';

/**
 * A member's training record, and the onboarding question of their probation checkpoint: a
 * required course is done with a valid certificate, or, for a course without an exam, attended.
 */
@Injectable()
export class RecordsService {
  constructor(
    @Inject(RosterRepository) private readonly roster: RosterRepository,
    @Inject(CoursesRepository) private readonly courses: CoursesRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(AssessmentsRepository) private readonly assessments: AssessmentsRepository,
    @Inject(CertificatesRepository) private readonly certificates: CertificatesRepository,
    @Inject(CertificatesService) private readonly certificateViews: CertificatesService,
  ) {}

  async record(
    { id }: RpcRequest<typeof TrainingRpc.trainingRecord>,
    identity: IdentityClaims,
  ): Promise<TrainingRecord> {
    const trainee = await this.roster.find(id);
    const member = {
      memberId: id,
      teamId: trainee?.teamId ?? identity.caller.teamId ?? '',
    };
    const own = identity.caller.memberId === id;
    // Out of reach is not found (security.md), as for every record read.
    if (!own && (!trainee || !reaches(identity, member))) {
      throw new DomainError('TRAINING_RECORD_NOT_FOUND');
    }
    const [enrollments, attempts, certificates, required] = await Promise.all([
      this.sessions.enrollmentsOf(id),
      this.assessments.attemptsOfMember(id),
      this.certificates.ofMember(id),
      this.requiredOf(id, trainee?.position ?? null),
    ]);
    const numbers = new Map(certificates.map((row) => [row.attemptId, row.number]));
    const withScore = seesScores(identity, member);
    return {
      memberId: id,
      enrollments: enrollments.map(toEnrollment),
      attempts: attempts.map((row) => toAttempt(row, numbers.get(row.id) ?? null, { withScore })),
      certificates: await this.certificateViews.present(certificates),
      required,
    };
  }

  async checkpoint({
    memberId,
  }: RpcRequest<typeof TrainingRpc.onboardingCheckpoint>): Promise<OnboardingCheckpoint> {
    const trainee = await this.roster.find(memberId);
    if (!trainee) return { status: 'no_data' };
    const required = await this.requiredOf(memberId, trainee.position);
    const certificates = await this.certificateViews.present(
      await this.certificates.ofMember(memberId),
    );
    // Nothing required of the position and nothing earned: nothing to show the review.
    if (required.length === 0 && certificates.length === 0) return { status: 'no_data' };
    return {
      status: 'available',
      required: required.map((course) => course.title),
      earned: [
        ...new Set([
          ...required.filter((course) => course.done).map((course) => course.title),
          ...certificates.filter((certificate) => certificate.valid).map((c) => c.courseTitle),
        ]),
      ],
    };
  }

  private async requiredOf(memberId: string, position: string | null) {
    if (!position) return [];
    const courses = await this.courses.requiredFor(position);
    if (courses.length === 0) return [];
    const ids = courses.map((course) => course.id);
    const [examined, certificates, enrollments] = await Promise.all([
      this.assessments.examCourseIds(ids),
      this.certificates.ofMember(memberId),
      this.sessions.enrollmentsOf(memberId),
    ]);
    const withExam = new Set(examined.map((row) => row.courseId));
    const now = new Date();
    const certified = new Set(
      certificates.filter((row) => isValid(row, now)).map((row) => row.courseId),
    );
    const attended = new Set(
      enrollments
        .filter((row) => row.attendance === 'present' || row.attendance === 'late')
        .map((row) => row.courseId),
    );
    return courses.map((course) => ({
      courseId: course.id,
      title: course.title,
      done: withExam.has(course.id) ? certified.has(course.id) : attended.has(course.id),
    }));
  }
}

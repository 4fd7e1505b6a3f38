import { Inject, Injectable } from '@nestjs/common';

import { CompanyCalendar } from '@salesops/calendar';
import { appendToOutbox } from '@salesops/messaging';
import type { Work } from '@salesops/persistence';
import { type EnrollmentReason, TrainingEvents } from '@salesops/training-contracts';

import { type EnrollmentRow, SessionsRepository } from './sessions.repository';

/** Enrollments in a course (not yet a session) that events cause, each once by its `onceKey`. */
@Injectable()
export class CourseEnrollments {
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  async enrollOnce(
    enrollment: {
      memberId: string;
      teamId: string;
      courseId: string;
      reason: EnrollmentReason;
      complaintId: string | null;
      onceKey: string;
    },
    work: Work,
  ): Promise<EnrollmentRow | null> {
    const row = await this.sessions.createOnce(
      { ...enrollment, sessionId: null, status: 'enrolled' },
      work,
    );
    if (row) await this.announce(row, work);
    return row;
  }

  async announce(row: EnrollmentRow, work: Work): Promise<void> {
    await appendToOutbox(work, TrainingEvents.enrollmentCreated, row.id, {
      memberId: row.memberId,
      teamId: row.teamId,
      courseId: row.courseId,
      period: this.calendar.monthOf(row.createdAt),
      enrollmentId: row.id,
      sessionId: row.sessionId,
      reason: row.reason as EnrollmentReason,
      complaintId: row.complaintId,
      enrolledAt: row.createdAt.toISOString(),
    });
  }
}

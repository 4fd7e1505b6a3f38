import type { Enrollment, TrainingSession } from '@salesops/training-contracts';

import type { EnrollmentRow, SessionRow } from './sessions.repository';

export function toEnrollment(row: EnrollmentRow): Enrollment {
  return {
    id: row.id,
    memberId: row.memberId,
    courseId: row.courseId,
    sessionId: row.sessionId,
    reason: row.reason as Enrollment['reason'],
    complaintId: row.complaintId,
    status: row.status as Enrollment['status'],
    attendance: row.attendance as Enrollment['attendance'],
    rating: row.rating,
    reflection: row.reflection,
    reflectionGrade: row.reflectionGrade,
    reflectionDueAt: row.reflectionDueAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toSession(
  row: SessionRow,
  counts: { enrolled: number; waitlisted: number } = { enrolled: 0, waitlisted: 0 },
): TrainingSession {
  return {
    id: row.id,
    courseId: row.courseId,
    trainer: { memberId: row.trainerMemberId, name: row.trainerName },
    startsAt: row.startsAt.toISOString(),
    location: row.location,
    capacity: row.capacity,
    waitlist: row.waitlist,
    enrolled: counts.enrolled,
    waitlisted: counts.waitlisted,
    status: row.status as TrainingSession['status'],
    createdAt: row.createdAt.toISOString(),
  };
}

import { z } from 'zod';

import { defineEvent } from '@salesops/events';

/**
 * What every training event says: whose record, in which team at the time, and the
 * company-calendar month it counts in (`period`, `YYYY-MM`).
 */
const traineeFacts = {
  memberId: z.uuid(),
  teamId: z.uuid(),
  courseId: z.uuid(),
  period: z.string(),
};

export const enrollmentReasonSchema = z.enum(['onboarding', 'remedial', 'plan', 'self', 'leader']);
export type EnrollmentReason = z.output<typeof enrollmentReasonSchema>;

export const attendanceStatusSchema = z.enum(['present', 'late', 'absent']);
export type AttendanceStatus = z.output<typeof attendanceStatusSchema>;

const attemptFacts = {
  ...traineeFacts,
  assessmentId: z.uuid(),
  attemptId: z.uuid(),
  kind: z.enum(['pre', 'post', 'exam']),
  score: z.number().min(0).max(100),
  passingScore: z.number().min(0).max(100),
  attemptNo: z.number().int().min(1),
  gradedAt: z.iso.datetime(),
};

/** Events the training service publishes: ids, statuses, scores and periods, never answer keys. */
export const TrainingEvents = {
  enrollmentCreated: defineEvent({
    type: 'training.enrollment.created',
    version: 1,
    data: z.object({
      ...traineeFacts,
      enrollmentId: z.uuid(),
      /** Null for a course enrollment not yet placed in a session. */
      sessionId: z.uuid().nullable(),
      reason: enrollmentReasonSchema,
      /** The complaint behind a remedial enrollment. */
      complaintId: z.uuid().nullable(),
      enrolledAt: z.iso.datetime(),
    }),
  }),
  attendanceRecorded: defineEvent({
    type: 'training.attendance.recorded',
    version: 1,
    data: z.object({
      ...traineeFacts,
      sessionId: z.uuid(),
      enrollmentId: z.uuid(),
      status: attendanceStatusSchema,
      recordedAt: z.iso.datetime(),
    }),
  }),
  assessmentPassed: defineEvent({
    type: 'training.assessment.passed',
    version: 1,
    data: z.object(attemptFacts),
  }),
  assessmentFailed: defineEvent({
    type: 'training.assessment.failed',
    version: 1,
    data: z.object({
      ...attemptFacts,
      /** No attempt left: the member must attend a new session before trying again. */
      retrainingRequired: z.boolean(),
    }),
  }),
  certificateIssued: defineEvent({
    type: 'training.certificate.issued',
    version: 1,
    data: z.object({
      ...traineeFacts,
      certificateId: z.uuid(),
      number: z.string(),
      attemptId: z.uuid(),
      issuedAt: z.iso.datetime(),
    }),
  }),
  reflectionGraded: defineEvent({
    type: 'training.reflection.graded',
    version: 1,
    data: z.object({
      ...traineeFacts,
      sessionId: z.uuid(),
      enrollmentId: z.uuid(),
      grade: z.number().int().min(1).max(5),
      gradedAt: z.iso.datetime(),
    }),
  }),
} as const;

import { z } from 'zod';

import { defineRpc, pageOf, pingContractOf, tasksContractOf } from '@salesops/contract-kit';

import {
  assessmentSchema,
  attemptSchema,
  createAssessmentInputSchema,
  gradeAttemptInputSchema,
  submitAttemptInputSchema,
} from './assessment.schemas';
import {
  certificateNumberSchema,
  certificateSchema,
  certificateVerificationSchema,
  listCertificatesQuerySchema,
} from './certificate.schemas';
import {
  courseSchema,
  createCourseInputSchema,
  listCoursesQuerySchema,
  updateCourseInputSchema,
} from './course.schemas';
import {
  createTrainingPlanInputSchema,
  listTrainingPlansQuerySchema,
  trainingPlanSchema,
} from './plan.schemas';
import { trainingRecordSchema } from './record.schemas';
import {
  attendanceInputSchema,
  createSessionInputSchema,
  enrollInputSchema,
  enrollmentSchema,
  feedbackInputSchema,
  gradeReflectionInputSchema,
  listSessionsQuerySchema,
  sessionEvaluationSchema,
  trainingSessionSchema,
} from './session.schemas';

/** What a probation review is shown of a member's onboarding, or that training has no data yet. */
export const onboardingCheckpointSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('available'),
    required: z.array(z.string()),
    earned: z.array(z.string()),
  }),
  z.object({ status: z.literal('no_data') }),
]);
export type OnboardingCheckpoint = z.infer<typeof onboardingCheckpointSchema>;

const idempotencyKey = z.string().min(1).max(200).nullable();
const expectedVersion = z.number().int().min(1).nullable();
const byId = z.object({ id: z.uuid() }).strict();

/** The training service's request/reply subjects. */
export const TrainingRpc = {
  ping: pingContractOf('training'),
  /** Sessions this week, attempts to grade, reflections to grade, retraining required. */
  tasks: tasksContractOf('training'),
  onboardingCheckpoint: defineRpc({
    subject: 'training.onboarding.checkpoint.v1',
    permission: 'members:read',
    request: z.object({ memberId: z.uuid() }).strict(),
    reply: onboardingCheckpointSchema,
    timeoutMs: 2000,
  }),

  createCourse: defineRpc({
    subject: 'training.course.create.v1',
    permission: 'training:manage',
    request: z.object({ idempotencyKey, input: createCourseInputSchema }).strict(),
    reply: courseSchema,
  }),
  listCourses: defineRpc({
    subject: 'training.course.list.v1',
    permission: 'training:read',
    request: listCoursesQuerySchema,
    reply: pageOf(courseSchema),
  }),
  getCourse: defineRpc({
    subject: 'training.course.get.v1',
    permission: 'training:read',
    request: byId,
    reply: courseSchema,
  }),
  updateCourse: defineRpc({
    subject: 'training.course.update.v1',
    permission: 'training:manage',
    request: z.object({ id: z.uuid(), expectedVersion, patch: updateCourseInputSchema }).strict(),
    reply: courseSchema,
  }),

  createAssessment: defineRpc({
    subject: 'training.assessment.create.v1',
    permission: 'training:manage',
    request: z.object({ id: z.uuid(), input: createAssessmentInputSchema }).strict(),
    reply: assessmentSchema,
  }),
  listAssessments: defineRpc({
    subject: 'training.assessment.list.v1',
    permission: 'training:read',
    request: byId,
    reply: z.object({ items: z.array(assessmentSchema) }),
  }),
  submitAttempt: defineRpc({
    subject: 'training.attempt.submit.v1',
    permission: 'training:take',
    request: z.object({ id: z.uuid(), input: submitAttemptInputSchema }).strict(),
    reply: attemptSchema,
  }),
  gradeAttempt: defineRpc({
    subject: 'training.attempt.grade.v1',
    permission: 'training:manage',
    request: z.object({ id: z.uuid(), input: gradeAttemptInputSchema }).strict(),
    reply: attemptSchema,
  }),

  createSession: defineRpc({
    subject: 'training.session.create.v1',
    permission: 'training:manage',
    request: z.object({ idempotencyKey, input: createSessionInputSchema }).strict(),
    reply: trainingSessionSchema,
  }),
  listSessions: defineRpc({
    subject: 'training.session.list.v1',
    permission: 'training:read',
    request: listSessionsQuerySchema,
    reply: pageOf(trainingSessionSchema),
  }),
  /** One session with its counts; sessions are for everyone to read, as the list. */
  getSession: defineRpc({
    subject: 'training.session.get.v1',
    permission: 'training:read',
    request: byId,
    reply: trainingSessionSchema,
  }),
  /** The trainer, HR, directors: the whole session; leaders: their teams' trainees in it. */
  sessionEvaluation: defineRpc({
    subject: 'training.session.evaluation.v1',
    permission: 'training:evaluations',
    request: byId,
    reply: sessionEvaluationSchema,
  }),
  enroll: defineRpc({
    subject: 'training.session.enroll.v1',
    permission: 'training:take',
    request: z.object({ id: z.uuid(), input: enrollInputSchema }).strict(),
    reply: enrollmentSchema,
  }),
  cancelEnrollment: defineRpc({
    subject: 'training.enrollment.cancel.v1',
    permission: 'training:take',
    request: byId,
    reply: enrollmentSchema,
  }),
  recordAttendance: defineRpc({
    subject: 'training.session.attendance.v1',
    permission: 'training:manage',
    request: z.object({ id: z.uuid(), input: attendanceInputSchema }).strict(),
    reply: z.object({ items: z.array(enrollmentSchema) }),
  }),
  giveFeedback: defineRpc({
    subject: 'training.session.feedback.v1',
    permission: 'training:take',
    request: z.object({ id: z.uuid(), input: feedbackInputSchema }).strict(),
    reply: enrollmentSchema,
  }),
  gradeReflection: defineRpc({
    subject: 'training.enrollment.grade-reflection.v1',
    permission: 'training:manage',
    request: z.object({ id: z.uuid(), input: gradeReflectionInputSchema }).strict(),
    reply: enrollmentSchema,
  }),

  createTrainingPlan: defineRpc({
    subject: 'training.plan.create.v1',
    permission: 'training:plan',
    request: z.object({ idempotencyKey, input: createTrainingPlanInputSchema }).strict(),
    reply: trainingPlanSchema,
  }),
  /** One plan, in the list's reach (404 `TRAINING_PLAN_NOT_FOUND` out of it). */
  getTrainingPlan: defineRpc({
    subject: 'training.plan.get.v1',
    permission: 'training:read',
    request: byId,
    reply: trainingPlanSchema,
  }),
  listTrainingPlans: defineRpc({
    subject: 'training.plan.list.v1',
    permission: 'training:read',
    request: listTrainingPlansQuerySchema,
    reply: pageOf(trainingPlanSchema),
  }),

  listCertificates: defineRpc({
    subject: 'training.certificate.list.v1',
    permission: 'training:read',
    request: listCertificatesQuerySchema,
    reply: pageOf(certificateSchema),
  }),
  /** Public: anyone holding a number may check it (the gateway limits how often). */
  verifyCertificate: defineRpc({
    subject: 'training.certificate.verify.v1',
    anonymous: true,
    request: z.object({ number: certificateNumberSchema }).strict(),
    reply: certificateVerificationSchema,
  }),
  trainingRecord: defineRpc({
    subject: 'training.record.get.v1',
    permission: 'training:read',
    request: byId,
    reply: trainingRecordSchema,
  }),
} as const;

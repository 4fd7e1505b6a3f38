import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { attendanceStatusSchema, enrollmentReasonSchema } from './training.events';

/** The trainer: a member of staff or an external name. */
export const trainerSchema = z.object({
  memberId: z.uuid().nullable(),
  name: z.string(),
});

/** api.md's TrainingSession. */
export const trainingSessionSchema = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  trainer: trainerSchema,
  startsAt: z.iso.datetime(),
  location: z.string(),
  capacity: z.number().int(),
  /** Enrollments beyond the capacity wait for a seat instead of being refused. */
  waitlist: z.boolean(),
  enrolled: z.number().int(),
  waitlisted: z.number().int(),
  status: z.enum(['scheduled', 'cancelled']),
  createdAt: z.iso.datetime(),
});
export type TrainingSession = z.infer<typeof trainingSessionSchema>;

export const createSessionInputSchema = z
  .object({
    courseId: z.uuid(),
    trainer: z
      .object({
        memberId: z.uuid().nullable().default(null),
        name: z.string().trim().min(1).max(200),
      })
      .strict(),
    startsAt: z.iso.datetime(),
    location: z.string().trim().min(1).max(500),
    capacity: z.number().int().min(1).max(10_000),
    waitlist: z.boolean().default(false),
  })
  .strict();

export const listSessionsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    courseId: z.uuid().optional(),
  })
  .strict();
export type ListSessionsQuery = z.output<typeof listSessionsQuerySchema>;

export const enrollmentStatusSchema = z.enum(['enrolled', 'waitlisted', 'cancelled']);

/** A member's place in a course (onboarding, remedial: not yet in a session) or in a session. */
export const enrollmentSchema = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  courseId: z.uuid(),
  sessionId: z.uuid().nullable(),
  reason: enrollmentReasonSchema,
  complaintId: z.uuid().nullable(),
  status: enrollmentStatusSchema,
  attendance: attendanceStatusSchema.nullable(),
  rating: z.number().int().nullable(),
  reflection: z.string().nullable(),
  reflectionGrade: z.number().int().nullable(),
  /** A reflection is handed in before then (the end of the seventh company day after attending). */
  reflectionDueAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

/** Oneself unless `memberId` names another (a leader for their team, a trainer, a director). */
export const enrollInputSchema = z.object({ memberId: z.uuid().optional() }).strict();

export const attendanceInputSchema = z
  .object({
    records: z
      .array(z.object({ memberId: z.uuid(), status: attendanceStatusSchema }).strict())
      .min(1)
      .max(1000),
  })
  .strict();

export const feedbackInputSchema = z
  .object({
    rating: z.number().int().min(1).max(5),
    reflection: z.string().trim().min(1).max(10_000).optional(),
  })
  .strict();

export const gradeReflectionInputSchema = z
  .object({ grade: z.number().int().min(1).max(5) })
  .strict();

/** An average over the trainees who gave the value; null while none did. */
const averageSchema = z.object({ count: z.number().int(), average: z.number().nullable() });

/**
 * A session's evaluation: each attending trainee's improvement (post-test score minus pre-test
 * score of the course, both graded), rating and reflection grade, averaged.
 */
export const sessionEvaluationSchema = z.object({
  sessionId: z.uuid(),
  /** `session`: all its trainees; `reach`: those of the teams the caller leads. */
  over: z.enum(['session', 'reach']),
  attended: z.number().int(),
  improvement: averageSchema,
  rating: averageSchema,
  reflectionGrade: averageSchema,
});
export type SessionEvaluation = z.infer<typeof sessionEvaluationSchema>;

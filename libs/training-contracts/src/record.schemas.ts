import { z } from 'zod';

import { attemptSchema } from './assessment.schemas';
import { certificateSchema } from './certificate.schemas';
import { enrollmentSchema } from './session.schemas';

/** A member's training: enrollments (with attendance and reflections), attempts, certificates. */
export const trainingRecordSchema = z.object({
  memberId: z.uuid(),
  enrollments: z.array(enrollmentSchema),
  attempts: z.array(attemptSchema),
  certificates: z.array(certificateSchema),
  /** The courses required for the member's position, and which of them are done. */
  required: z.array(z.object({ courseId: z.uuid(), title: z.string(), done: z.boolean() })),
});
export type TrainingRecord = z.infer<typeof trainingRecordSchema>;

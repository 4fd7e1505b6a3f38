import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';
import { roleSchema } from '@salesops/policy';

export const courseCategorySchema = z.enum([
  'onboarding',
  'product_knowledge',
  'sales_skills',
  'customer_service',
  'team_culture',
  'special',
]);
export const courseModeSchema = z.enum(['online', 'offline']);
/** A position a course can be required for (every role but the administrator's). */
export const requiredPositionSchema = roleSchema.exclude(['admin']);

/** A link or a text the trainees study. */
export const materialSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    url: z.url().max(2000).optional(),
    text: z.string().max(20_000).optional(),
  })
  .strict();

/** api.md's Course. */
export const courseSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  category: courseCategorySchema,
  mode: courseModeSchema,
  materials: z.array(materialSchema),
  durationMinutes: z.number().int(),
  passingScore: z.number().int(),
  maxAttempts: z.number().int(),
  requiredFor: z.array(requiredPositionSchema),
  /** How long a certificate of the course stays valid; null: without end. */
  certificateValidityMonths: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Course = z.infer<typeof courseSchema>;

const courseFields = {
  title: z.string().trim().min(1).max(200),
  category: courseCategorySchema,
  mode: courseModeSchema,
  materials: z.array(materialSchema).max(50),
  durationMinutes: z.number().int().min(1).max(100_000),
  passingScore: z.number().int().min(0).max(100),
  maxAttempts: z.number().int().min(1).max(10),
  requiredFor: z.array(requiredPositionSchema).max(20),
  certificateValidityMonths: z.number().int().min(1).max(120).nullable(),
};

export const createCourseInputSchema = z
  .object({
    ...courseFields,
    materials: courseFields.materials.default([]),
    passingScore: courseFields.passingScore.default(60),
    /** The exam and one make-up exam (domain.md §4). */
    maxAttempts: courseFields.maxAttempts.default(2),
    requiredFor: courseFields.requiredFor.default([]),
    certificateValidityMonths: courseFields.certificateValidityMonths.default(null),
  })
  .strict();
export type CreateCourseInput = z.output<typeof createCourseInputSchema>;

export const updateCourseInputSchema = z
  .object(courseFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'at least one field to change');

export const listCoursesQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    category: courseCategorySchema.optional(),
    requiredFor: requiredPositionSchema.optional(),
  })
  .strict();
export type ListCoursesQuery = z.output<typeof listCoursesQuerySchema>;

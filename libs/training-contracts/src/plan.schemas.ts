import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { courseCategorySchema } from './course.schemas';

export const trainingPlanItemInputSchema = z
  .object({
    courseId: z.uuid(),
    /** The month of the plan's year (1–12) the course is to be held in. */
    month: z.number().int().min(1).max(12),
    note: z.string().trim().max(1000).default(''),
  })
  .strict();

export const createTrainingPlanInputSchema = z
  .object({
    teamId: z.uuid(),
    year: z.number().int().min(2000).max(2100),
    items: z.array(trainingPlanItemInputSchema).min(1).max(200),
  })
  .strict();

/**
 * A planned course against what was done in its month (company calendar): the course's sessions
 * not cancelled, those that have begun (`held`), and how many of the team's members were enrolled
 * in them and attended (present or late).
 */
export const trainingPlanItemSchema = z.object({
  courseId: z.uuid(),
  courseTitle: z.string(),
  category: courseCategorySchema,
  month: z.number().int(),
  note: z.string(),
  /** `held`: a session of the month has begun; `missed`: the month ended without one. */
  status: z.enum(['planned', 'held', 'missed']),
  sessionsScheduled: z.number().int(),
  sessionsHeld: z.number().int(),
  enrolled: z.number().int(),
  attended: z.number().int(),
});

/** A team's yearly training plan and its progress. */
export const trainingPlanSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  year: z.number().int(),
  /** The members on the team now, as training knows them. */
  teamSize: z.number().int(),
  items: z.array(trainingPlanItemSchema),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
export type TrainingPlan = z.infer<typeof trainingPlanSchema>;

export const listTrainingPlansQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    teamId: z.uuid().optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
  })
  .strict();
export type ListTrainingPlansQuery = z.output<typeof listTrainingPlansQuerySchema>;

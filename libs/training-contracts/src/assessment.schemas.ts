import { z } from 'zod';

export const assessmentKindSchema = z.enum(['pre', 'post', 'exam']);
export const questionTypeSchema = z.enum(['single', 'multiple', 'true_false', 'short_answer']);

/**
 * A question as it is written, with its answer key: `correct` (a choice's index for `single`,
 * the indexes for `multiple`, a boolean for `true_false`) and, for a short answer, a
 * `modelAnswer` for the trainer. The key never leaves the training service.
 */
export const questionInputSchema = z
  .object({
    type: questionTypeSchema,
    prompt: z.string().trim().min(1).max(4000),
    choices: z.array(z.string().trim().min(1).max(1000)).max(20).default([]),
    points: z.number().int().min(1).max(100).default(1),
    correct: z
      .union([z.number().int().min(0), z.array(z.number().int().min(0)).min(1), z.boolean()])
      .optional(),
    modelAnswer: z.string().max(4000).optional(),
  })
  .strict()
  .superRefine((question, context) => {
    const issue = (message: string) =>
      context.addIssue({ code: 'custom', path: ['correct'], message });
    const { type, choices, correct } = question;
    const isChoice = (index: number) => index < choices.length;
    if (type === 'single') {
      if (choices.length < 2)
        context.addIssue({ code: 'custom', path: ['choices'], message: 'at least two choices' });
      if (typeof correct !== 'number' || !isChoice(correct)) issue('the index of one choice');
    } else if (type === 'multiple') {
      if (choices.length < 2)
        context.addIssue({ code: 'custom', path: ['choices'], message: 'at least two choices' });
      if (
        !Array.isArray(correct) ||
        !correct.every(isChoice) ||
        new Set(correct).size !== correct.length
      ) {
        issue('the indexes of the right choices, each once');
      }
    } else if (type === 'true_false') {
      if (typeof correct !== 'boolean') issue('true or false');
    } else if (correct !== undefined) {
      issue('a short answer is graded by the trainer: no key');
    }
  });

/** A question as a trainee sees it: never its key. */
export const questionSchema = z.object({
  id: z.string(),
  type: questionTypeSchema,
  prompt: z.string(),
  choices: z.array(z.string()),
  points: z.number().int(),
});
export type Question = z.infer<typeof questionSchema>;

/** api.md's Assessment, without answer keys. */
export const assessmentSchema = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  kind: assessmentKindSchema,
  title: z.string(),
  passingScore: z.number().int(),
  questions: z.array(questionSchema),
  createdAt: z.iso.datetime(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const createAssessmentInputSchema = z
  .object({
    kind: assessmentKindSchema,
    title: z.string().trim().min(1).max(200),
    /** The course's passing score unless given. */
    passingScore: z.number().int().min(0).max(100).optional(),
    questions: z.array(questionInputSchema).min(1).max(200),
  })
  .strict();
export type CreateAssessmentInput = z.output<typeof createAssessmentInputSchema>;

/**
 * A trainee's answers by question id: a choice's index (`single`), indexes (`multiple`), a
 * boolean (`true_false`) or a text (`short_answer`). A question left out scores nothing.
 */
export const answersSchema = z.record(
  z.string().max(100),
  z.union([
    z.number().int().min(0),
    z.array(z.number().int().min(0)).max(20),
    z.boolean(),
    z.string().max(10_000),
  ]),
);
export type Answers = z.infer<typeof answersSchema>;

export const attemptStatusSchema = z.enum(['awaiting_grading', 'graded']);

/** api.md's Attempt: the trainee's own answers and score, never the key. */
export const attemptSchema = z.object({
  id: z.uuid(),
  assessmentId: z.uuid(),
  courseId: z.uuid(),
  kind: assessmentKindSchema,
  memberId: z.uuid(),
  answers: answersSchema,
  /** 0–100; null until the short answers are graded. */
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  status: attemptStatusSchema,
  attemptNo: z.number().int(),
  /** No attempt left: the member must attend a new session of the course first. */
  retrainingRequired: z.boolean(),
  certificateNumber: z.string().nullable(),
  submittedAt: z.iso.datetime(),
  gradedAt: z.iso.datetime().nullable(),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const submitAttemptInputSchema = z.object({ answers: answersSchema }).strict();

/** The trainer's points for each short answer of the attempt, by question id. */
export const gradeAttemptInputSchema = z
  .object({ points: z.record(z.string().max(100), z.number().min(0).max(100)) })
  .strict();

import {
  createAssessmentInputSchema,
  submitAttemptInputSchema,
  gradeAttemptInputSchema,
  TrainingRpc,
} from '@salesops/training-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const CoursesController = rpcController(
  'Courses',
  { path: 'courses', tag: 'training' },
  {
    create: route.create(TrainingRpc.createCourse, {
      summary: 'Add a course (trainers and directors); max attempts 2 unless given',
      located: true,
    }),
    list: route.list(TrainingRpc.listCourses, { summary: 'List courses (everyone reads them)' }),
    get: route.get(TrainingRpc.getCourse, { summary: 'Get a course' }),
    update: route.command(TrainingRpc.updateCourse, {
      method: 'PATCH',
      path: ':id',
      summary: "Change a course's details",
      bodyIn: 'patch',
    }),
    listAssessments: route.get(TrainingRpc.listAssessments, {
      path: ':id/assessments',
      summary: "A course's assessments (pre, post, exam), their questions without answer keys",
    }),
    createAssessment: route.action(TrainingRpc.createAssessment, {
      path: ':id/assessments',
      status: 201,
      summary:
        'Add an assessment: single, multiple choice and true/false questions with their keys, short answers the trainer grades',
      body: createAssessmentInputSchema,
      located: (_, params) => `courses/${params['id']}/assessments`,
      request: ({ params, body }) => ({ id: params.id, input: body }),
    }),
  },
);

export const AssessmentsController = rpcController(
  'Assessments',
  { path: 'assessments', tag: 'training' },
  {
    attempt: route.action(TrainingRpc.submitAttempt, {
      path: ':id/attempts',
      status: 201,
      summary:
        'Submit an attempt: auto-graded at once, short answers by the trainer; after the last failed exam attempt 409 RETRAINING_REQUIRED until the member attends a new session',
      body: submitAttemptInputSchema,
      located: (attempt) => `members/${String(attempt['memberId'])}/training-record`,
      request: ({ params, body }) => ({ id: params.id, input: body }),
    }),
  },
);

export const AttemptsController = rpcController(
  'Attempts',
  { path: 'attempts', tag: 'training' },
  {
    grade: route.action(TrainingRpc.gradeAttempt, {
      path: ':id/grade',
      summary: "Grade an attempt's short answers; the attempt is then final",
      body: gradeAttemptInputSchema,
      request: ({ params, body }) => ({ id: params.id, input: body }),
    }),
  },
);

import {
  attendanceInputSchema,
  enrollInputSchema,
  feedbackInputSchema,
  gradeReflectionInputSchema,
  TrainingRpc,
} from '@salesops/training-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const TrainingSessionsController = rpcController(
  'TrainingSessions',
  { path: 'training-sessions', tag: 'training' },
  {
    create: route.create(TrainingRpc.createSession, {
      summary: 'Schedule a session of a course: trainer, time, place or link, capacity',
      located: true,
    }),
    get: route.get(TrainingRpc.getSession, {
      summary: 'One session with its enrolled and wait-listed counts',
    }),
    list: route.list(TrainingRpc.listSessions, {
      summary: 'List sessions with their enrolled and wait-listed counts',
    }),
    evaluation: route.get(TrainingRpc.sessionEvaluation, {
      path: ':id/evaluation',
      summary:
        "The session's average improvement (pre-test to post-test), rating and reflection grade: the whole session for its trainer, trainers, HR and directors; a leader's own teams' trainees",
    }),
    enroll: route.action(TrainingRpc.enroll, {
      path: ':id/enrollments',
      status: 201,
      summary:
        'Enroll oneself (or, as a leader or trainer, a member): refused when full (409 SESSION_FULL) unless the session keeps a waiting list',
      body: enrollInputSchema,
      located: (enrollment) => `members/${String(enrollment['memberId'])}/training-record`,
      request: ({ params, body }) => ({ id: params.id, input: body }),
    }),
    attendance: route.action(TrainingRpc.recordAttendance, {
      path: ':id/attendance',
      summary: 'Record attendance (present, late, absent) of enrolled members',
      body: attendanceInputSchema,
      request: ({ params, body }) => ({ id: params.id, input: body }),
    }),
    feedback: route.action(TrainingRpc.giveFeedback, {
      path: ':id/feedback',
      summary: 'Rate a session attended (1–5) and hand in a reflection',
      body: feedbackInputSchema,
      request: ({ params, body }) => ({ id: params.id, input: body }),
    }),
  },
);

export const EnrollmentsController = rpcController(
  'Enrollments',
  { path: 'enrollments', tag: 'training' },
  {
    cancel: route.action(TrainingRpc.cancelEnrollment, {
      path: ':id/cancel',
      summary: 'Cancel an enrollment; the first on the waiting list takes the seat',
      request: ({ params }) => ({ id: params.id }),
    }),
    gradeReflection: route.action(TrainingRpc.gradeReflection, {
      path: ':id/reflection-grade',
      summary: "Grade a trainee's reflection 1–5",
      body: gradeReflectionInputSchema,
      request: ({ params, body }) => ({ id: params.id, input: body }),
    }),
  },
);

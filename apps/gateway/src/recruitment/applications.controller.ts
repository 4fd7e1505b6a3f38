import { applicationStepBodies, MembersRpc } from '@salesops/members-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

const { advanceApplication } = MembersRpc;

/** Each step of an application is a route whose body is the step's. */
export const ApplicationsController = rpcController(
  'Applications',
  { path: 'applications', tag: 'recruitment' },
  {
    create: route.create(MembersRpc.createApplication, {
      summary: "Register a candidate's application",
      located: true,
    }),
    list: route.list(MembersRpc.listApplications, { summary: 'List applications, newest first' }),
    get: route.get(MembersRpc.getApplication, { summary: 'Get an application' }),
    screen: route.command(advanceApplication, {
      path: ':id/screen',
      summary: 'Mark an application screened',
      body: applicationStepBodies.screen,
      request: ({ params, expectedVersion, body }) => ({
        id: params.id,
        expectedVersion,
        step: { action: 'screen' as const, ...body },
      }),
    }),
    scheduleInterview: route.command(advanceApplication, {
      path: ':id/schedule-interview',
      summary: 'Schedule the interview: who and when',
      body: applicationStepBodies['schedule-interview'],
      request: ({ params, expectedVersion, body }) => ({
        id: params.id,
        expectedVersion,
        step: { action: 'schedule-interview' as const, ...body },
      }),
    }),
    recordInterview: route.command(advanceApplication, {
      path: ':id/record-interview',
      summary: "Record the interview's score (0–100) and notes",
      body: applicationStepBodies['record-interview'],
      request: ({ params, expectedVersion, body }) => ({
        id: params.id,
        expectedVersion,
        step: { action: 'record-interview' as const, ...body },
      }),
    }),
    hire: route.command(advanceApplication, {
      path: ':id/hire',
      summary: 'Hire the candidate: creates the member, in probation',
      body: applicationStepBodies.hire,
      request: ({ params, expectedVersion, body }) => ({
        id: params.id,
        expectedVersion,
        step: { action: 'hire' as const, ...body },
      }),
    }),
    reject: route.command(advanceApplication, {
      path: ':id/reject',
      summary: 'Reject an application, at any stage before hiring',
      body: applicationStepBodies.reject,
      request: ({ params, expectedVersion, body }) => ({
        id: params.id,
        expectedVersion,
        step: { action: 'reject' as const, ...body },
      }),
    }),
  },
);

import { z } from 'zod';

import { byIdWithContact, defineRpc } from '@salesops/contract-kit';

import {
  applicationActionSchema,
  applicationSchema,
  createApplicationInputSchema,
  listApplicationsQuerySchema,
} from './application.schemas';
import { expectedVersion, idempotencyKey, pageOf } from './rpc-fields';

/** Recruitment. */
export const ApplicationRpc = {
  createApplication: defineRpc({
    subject: 'members.application.create.v1',
    permission: 'recruitment:write',
    request: z.object({ idempotencyKey, input: createApplicationInputSchema }).strict(),
    reply: applicationSchema,
  }),
  getApplication: defineRpc({
    subject: 'members.application.get.v1',
    permission: 'recruitment:read',
    request: byIdWithContact,
    reply: applicationSchema,
  }),
  listApplications: defineRpc({
    subject: 'members.application.list.v1',
    permission: 'recruitment:read',
    request: listApplicationsQuerySchema,
    reply: pageOf(applicationSchema),
  }),
  /** Moves an application one step; hiring creates the member in probation. */
  advanceApplication: defineRpc({
    subject: 'members.application.advance.v1',
    permission: 'recruitment:write',
    request: z.object({ id: z.uuid(), expectedVersion, step: applicationActionSchema }).strict(),
    reply: applicationSchema,
  }),
} as const;

import { z } from 'zod';

import { defineRpc } from './rpc-contract';

/** Something waiting for a person: to assess, approve, decide or review, by a time or not. */
export const taskSchema = z.object({
  /** Stable for the same piece of work: `<kind>:<subjectId>`. */
  id: z.string(),
  kind: z.string().regex(/^[a-z]+(?:[._-][a-z]+)*$/),
  title: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  dueAt: z.iso.datetime().nullable(),
  service: z.string(),
});
export type Task = z.infer<typeof taskSchema>;

export const tasksReplySchema = z.object({ items: z.array(taskSchema) });

/** How long the to-do list waits for a service before naming it unavailable. */
export const TASKS_TIMEOUT_MS = 2000;

/**
 * What is waiting in a service for the caller: for them as a member, or for them as an approver in
 * their scope. The caller's signed identity says both, so the request carries nothing.
 */
export function tasksContractOf(service: string) {
  return defineRpc({
    subject: `${service}.tasks.list.v1`,
    permission: 'tasks:read',
    request: z.object({}).strict(),
    reply: tasksReplySchema,
    timeoutMs: TASKS_TIMEOUT_MS,
  });
}

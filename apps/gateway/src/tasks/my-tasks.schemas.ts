import { z } from 'zod';

import { taskSchema } from '@salesops/rpc';

export const myTasksSchema = z.object({
  /** Soonest due first; tasks without a due time last. */
  items: z.array(taskSchema),
  /** The services that did not answer in time or are not running: their tasks are missing. */
  unavailable: z.array(z.string()),
});
export type MyTasks = z.infer<typeof myTasksSchema>;

import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

export const careReminderKindSchema = z.enum(['birthday', 'holiday']);
export const careReminderStatusSchema = z.enum(['open', 'done', 'dismissed']);

/** A greeting due to a customer on a company day: its birthday or a configured holiday. */
export const careReminderSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  ownerId: z.uuid(),
  teamId: z.uuid(),
  kind: careReminderKindSchema,
  /** `birthday`, or the holiday's name. */
  occasion: z.string(),
  /** The company day it is for (`YYYY-MM-DD`). */
  day: z.string(),
  status: careReminderStatusSchema,
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type CareReminder = z.output<typeof careReminderSchema>;

export const listCareRemindersQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    status: careReminderStatusSchema.default('open'),
    customerId: z.uuid().optional(),
    ownerId: z.uuid().optional(),
  })
  .strict();
export type ListCareRemindersQuery = z.output<typeof listCareRemindersQuerySchema>;

import { z } from 'zod';

import { defineRpc, pageOf } from '@salesops/contract-kit';

import { careReminderSchema, listCareRemindersQuerySchema } from './care-reminder.schemas';

const byId = z.object({ id: z.uuid() }).strict();

/** Care reminders: greetings for birthdays and holidays, done or dismissed by the owner. */
export const CareReminderRpc = {
  listCareReminders: defineRpc({
    subject: 'customers.care-reminder.list.v1',
    permission: 'customers:read',
    request: listCareRemindersQuerySchema,
    reply: pageOf(careReminderSchema),
  }),
  careReminderDone: defineRpc({
    subject: 'customers.care-reminder.done.v1',
    permission: 'customers:write',
    request: byId,
    reply: careReminderSchema,
  }),
  dismissCareReminder: defineRpc({
    subject: 'customers.care-reminder.dismiss.v1',
    permission: 'customers:write',
    request: byId,
    reply: careReminderSchema,
  }),
} as const;

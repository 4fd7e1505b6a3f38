import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

export const followUpChannelSchema = z.enum(['call', 'wechat', 'visit', 'email', 'sms']);

export const followUpSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  memberId: z.string(),
  channel: followUpChannelSchema,
  content: z.string(),
  outcome: z.string().nullable(),
  nextFollowUpAt: z.iso.datetime().nullable(),
  at: z.iso.datetime(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const logFollowUpInputSchema = z
  .object({
    channel: followUpChannelSchema,
    content: z.string().trim().min(1).max(2000),
    outcome: z.string().trim().min(1).max(500).nullable().default(null),
    nextFollowUpAt: z.iso.datetime().nullable().default(null),
  })
  .strict();

export const listFollowUpsQuerySchema = pageQuerySchema;

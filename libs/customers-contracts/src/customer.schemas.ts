import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

export const CUSTOMER_STAGES = [
  'lead',
  'contacted',
  'qualified',
  'negotiating',
  'won',
  'lost',
  'dormant',
] as const;
export const customerStageSchema = z.enum(CUSTOMER_STAGES);
export type CustomerStage = z.infer<typeof customerStageSchema>;

export const customerTypeSchema = z.enum(['individual', 'company']);
export const customerChannelSchema = z.enum([
  'phone',
  'online',
  'event',
  'referral',
  'social_media',
  'wecom',
  'walk_in',
]);
export const customerIntentSchema = z.enum(['A', 'B', 'C', 'D']);

/** api.md's Customer. Contact fields (phone … birthday) reach most callers masked. */
export const customerSchema = z.object({
  id: z.uuid(),
  type: customerTypeSchema,
  name: z.string(),
  phone: z.string().nullable(),
  wechatId: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  birthday: z.string().nullable(),
  channel: customerChannelSchema,
  intent: customerIntentSchema,
  tags: z.array(z.string()),
  ownerId: z.uuid(),
  teamId: z.uuid(),
  stage: customerStageSchema,
  /** Why it was lost or went dormant. */
  stageReason: z.string().nullable(),
  lastContactAt: z.iso.datetime().nullable(),
  nextFollowUpAt: z.iso.datetime().nullable(),
  /** The member who registered the lead: the weekly quota counts by them. */
  registeredBy: z.string(),
  createdAt: z.iso.datetime(),
  version: z.number().int(),
});
export type Customer = z.infer<typeof customerSchema>;

/** Who owns a customer in reach, and its stage: what another service needs to act on it. */
export const customerReachSchema = customerSchema.pick({
  id: true,
  ownerId: true,
  teamId: true,
  stage: true,
});
export type CustomerReach = z.infer<typeof customerReachSchema>;

const tag = z.string().trim().min(1).max(32);
/** Checked loosely here; the service normalises it to E.164 and refuses what it cannot. */
const phone = z.string().trim().min(3).max(32);
const birthday = z.iso.date();

export const createCustomerInputSchema = z
  .object({
    type: customerTypeSchema.default('individual'),
    name: z.string().trim().min(1).max(100),
    phone: phone.nullable().default(null),
    wechatId: z.string().trim().min(1).max(64).nullable().default(null),
    email: z.email().nullable().default(null),
    address: z.string().trim().min(1).max(300).nullable().default(null),
    birthday: birthday.nullable().default(null),
    channel: customerChannelSchema,
    intent: customerIntentSchema.default('C'),
    tags: z.array(tag).max(20).default([]),
    /** A leader registers for a rep of their reach; a rep for themself (the default). */
    ownerId: z.uuid().optional(),
  })
  .strict();
export type CreateCustomerInput = z.input<typeof createCustomerInputSchema>;

export const updateCustomerInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    phone: phone.nullable(),
    wechatId: z.string().trim().min(1).max(64).nullable(),
    email: z.email().nullable(),
    address: z.string().trim().min(1).max(300).nullable(),
    birthday: birthday.nullable(),
    channel: customerChannelSchema,
    intent: customerIntentSchema,
    tags: z.array(tag).max(20),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'at least one field to change');

export const CUSTOMER_SORT_FIELDS = ['createdAt', 'lastContactAt', 'nextFollowUpAt'] as const;

export const listCustomersQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    stage: customerStageSchema.optional(),
    intent: customerIntentSchema.optional(),
    channel: customerChannelSchema.optional(),
    tag: tag.optional(),
    ownerId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    /** Customers whose next follow-up is due by this time. */
    dueBy: z.iso.datetime().optional(),
    /** Name prefix, case-insensitive. */
    name: z.string().trim().min(1).max(100).optional(),
    /** Exact match through the blind index; only for callers who see phones in clear. */
    phone: phone.optional(),
    contact: z.enum(['masked', 'clear']).default('masked'),
    sort: z
      .enum([...CUSTOMER_SORT_FIELDS, ...CUSTOMER_SORT_FIELDS.map((field) => `-${field}` as const)])
      .default('-createdAt'),
  })
  .strict();
export type ListCustomersQuery = z.output<typeof listCustomersQuerySchema>;

export const stageReasonInputSchema = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict();

export const transferCustomerInputSchema = z
  .object({ ownerId: z.uuid(), reason: z.string().trim().min(1).max(500) })
  .strict();

/** One entry of a customer's history: a stage or an owner changed, by whom, when. */
export const customerHistoryEntrySchema = z.object({
  kind: z.enum(['stage', 'owner']),
  from: z.string().nullable(),
  to: z.string(),
  reason: z.string().nullable(),
  by: z.string(),
  at: z.iso.datetime(),
});

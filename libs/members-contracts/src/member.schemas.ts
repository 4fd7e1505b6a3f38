import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { levelSchema, memberStatusSchema, positionSchema, trackSchema } from './organisation';

export const memberSchema = z.object({
  id: z.uuid(),
  employeeNo: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  wechatId: z.string().nullable(),
  email: z.string().nullable(),
  teamId: z.uuid(),
  position: positionSchema,
  track: trackSchema,
  level: levelSchema,
  status: memberStatusSchema,
  hiredAt: z.iso.datetime(),
  probationEndsAt: z.iso.datetime().nullable(),
  departedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
});
export type Member = z.infer<typeof memberSchema>;

const phone = z.string().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number');

export const createMemberInputSchema = z
  .object({
    employeeNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{2,32}$/, 'letters, digits and dashes, 2–32'),
    name: z.string().trim().min(1).max(100),
    phone: phone.nullable().default(null),
    wechatId: z.string().trim().min(1).max(64).nullable().default(null),
    email: z.email().nullable().default(null),
    teamId: z.uuid(),
    position: positionSchema,
    track: trackSchema,
    level: levelSchema,
    hiredAt: z.iso.datetime().optional(),
  })
  .strict();
export type CreateMemberInput = z.input<typeof createMemberInputSchema>;

export const updateMemberInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    phone: phone.nullable(),
    wechatId: z.string().trim().min(1).max(64).nullable(),
    email: z.email().nullable(),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'at least one field to change');
export type UpdateMemberInput = z.input<typeof updateMemberInputSchema>;

export const MEMBER_SORT_FIELDS = ['employeeNo', 'name', 'hiredAt'] as const;

export const listMembersQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    teamId: z.uuid().optional(),
    status: memberStatusSchema.optional(),
    position: positionSchema.optional(),
    /** Exact match, through the blind index; only for callers who see phones in clear. */
    phone: z.string().trim().min(3).max(32).optional(),
    /** Lists show contact fields masked unless clear is asked for (and allowed). */
    contact: z.enum(['masked', 'clear']).default('masked'),
    sort: z
      .enum([...MEMBER_SORT_FIELDS, ...MEMBER_SORT_FIELDS.map((field) => `-${field}` as const)])
      .default('employeeNo'),
  })
  .strict();
export type ListMembersQuery = z.output<typeof listMembersQuerySchema>;

import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { teamKindSchema } from './organisation';

const days = z.number().int().min(1).max(3650);
const hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 365);

/** Per-team settings with the defaults of domain.md. */
export const teamSettingsSchema = z
  .object({
    probationDays: days.default(30),
    weeklyLeadQuota: z.number().int().min(0).max(10_000).default(5),
    complaintAckHours: hours.default(2),
    complaintResolveHours: hours.default(48),
    promotionNoticeDays: days.default(5),
    poolIdleDays: days.default(30),
    poolStaleDays: days.default(90),
    poolClaimCap: z.number().int().min(1).max(100_000).default(200),
  })
  .strict();
export type TeamSettings = z.output<typeof teamSettingsSchema>;

export const teamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: teamKindSchema,
  parentId: z.uuid().nullable(),
  leaderId: z.uuid().nullable(),
  viceLeaderId: z.uuid().nullable(),
  settings: teamSettingsSchema,
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Team = z.infer<typeof teamSchema>;

export const createTeamInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: teamKindSchema,
    parentId: z.uuid().nullable().default(null),
    settings: teamSettingsSchema.partial().default({}),
  })
  .strict();
export type CreateTeamInput = z.input<typeof createTeamInputSchema>;

/** Settings merge into the current ones; moving a team (parentId) keeps its history. */
export const updateTeamInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    parentId: z.uuid().nullable(),
    leaderId: z.uuid().nullable(),
    viceLeaderId: z.uuid().nullable(),
    settings: teamSettingsSchema.partial(),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'at least one field to change');

export const listTeamsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    parentId: z.uuid().optional(),
    kind: teamKindSchema.optional(),
  })
  .strict();

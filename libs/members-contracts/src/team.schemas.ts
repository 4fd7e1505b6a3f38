import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { teamKindSchema } from './organisation';
import {
  ownTeamSettingsSchema,
  teamSettingKeySchema,
  teamSettingsSchema,
} from './team-settings.schemas';

export const teamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: teamKindSchema,
  parentId: z.uuid().nullable(),
  leaderId: z.uuid().nullable(),
  viceLeaderId: z.uuid().nullable(),
  /** Effective: the team's own values over its parent's effective ones over the defaults. */
  settings: teamSettingsSchema,
  /** What the team sets itself; the rest is inherited. */
  ownSettings: ownTeamSettingsSchema,
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
    settings: ownTeamSettingsSchema.default({}),
  })
  .strict();
export type CreateTeamInput = z.input<typeof createTeamInputSchema>;

/**
 * Settings merge into the team's own ones; `inheritSettings` drops own values so the parent's
 * apply again. Moving a team (parentId) keeps its history.
 */
export const updateTeamInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    parentId: z.uuid().nullable(),
    leaderId: z.uuid().nullable(),
    viceLeaderId: z.uuid().nullable(),
    settings: ownTeamSettingsSchema,
    inheritSettings: z.array(teamSettingKeySchema).min(1),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'at least one field to change')
  .refine((patch) => !patch.inheritSettings?.some((key) => patch.settings?.[key] !== undefined), {
    message: 'a setting is either set or inherited',
    path: ['inheritSettings'],
  });

export const listTeamsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    parentId: z.uuid().optional(),
    kind: teamKindSchema.optional(),
  })
  .strict();

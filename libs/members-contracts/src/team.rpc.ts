import { z } from 'zod';

import { defineRpc } from '@salesops/contract-kit';

import {
  createTeamInputSchema,
  listTeamsQuerySchema,
  teamSchema,
  updateTeamInputSchema,
} from './team.schemas';
import { byId, expectedVersion, idempotencyKey, pageOf } from './rpc-fields';

/** The team tree's subjects. */
export const TeamRpc = {
  createTeam: defineRpc({
    subject: 'members.team.create.v1',
    permission: 'teams:write',
    request: z.object({ idempotencyKey, input: createTeamInputSchema }).strict(),
    reply: teamSchema,
  }),
  getTeam: defineRpc({
    subject: 'members.team.get.v1',
    permission: 'teams:read',
    request: byId,
    reply: teamSchema,
  }),
  /** The team and every team under it: what a leader's or manager's scope covers. */
  teamSubtree: defineRpc({
    subject: 'members.team.subtree.v1',
    permission: 'teams:read',
    request: byId,
    reply: z.object({ teamIds: z.array(z.uuid()) }),
  }),
  listTeams: defineRpc({
    subject: 'members.team.list.v1',
    permission: 'teams:read',
    request: listTeamsQuerySchema,
    reply: pageOf(teamSchema),
  }),
  updateTeam: defineRpc({
    subject: 'members.team.update.v1',
    permission: 'teams:write',
    request: z.object({ id: z.uuid(), expectedVersion, patch: updateTeamInputSchema }).strict(),
    reply: teamSchema,
  }),
} as const;

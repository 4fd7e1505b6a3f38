import { z } from 'zod';

import { byIdWithContact, defineRpc } from '@salesops/contract-kit';

import {
  createMemberInputSchema,
  listMembersQuerySchema,
  memberSchema,
  updateMemberInputSchema,
} from './member.schemas';
import { expectedVersion, idempotencyKey, pageOf } from './rpc-fields';

/** A member's record. */
export const MemberRpc = {
  createMember: defineRpc({
    subject: 'members.member.create.v1',
    permission: 'members:write',
    request: z.object({ idempotencyKey, input: createMemberInputSchema }).strict(),
    reply: memberSchema,
  }),
  getMember: defineRpc({
    subject: 'members.member.get.v1',
    permission: 'members:read',
    request: byIdWithContact,
    reply: memberSchema,
  }),
  listMembers: defineRpc({
    subject: 'members.member.list.v1',
    permission: 'members:read',
    request: listMembersQuerySchema,
    reply: pageOf(memberSchema),
  }),
  /** `GET /teams/:id/members`: a team out of reach (or none) is 404 `TEAM_NOT_FOUND`. */
  listTeamMembers: defineRpc({
    subject: 'members.team.members.v1',
    permission: 'members:read',
    request: listMembersQuerySchema.extend({ teamId: z.uuid() }),
    reply: pageOf(memberSchema),
  }),
  updateMember: defineRpc({
    subject: 'members.member.update.v1',
    permission: 'members:write',
    request: z.object({ id: z.uuid(), expectedVersion, patch: updateMemberInputSchema }).strict(),
    reply: memberSchema,
  }),
} as const;

import type { Member } from '@salesops/members-contracts';
import { inScope, present, viewerOf } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

/** A member as the caller may see them: contact fields masked unless the policy says clear. */
export function presentMember(
  member: Member,
  identity: IdentityClaims,
  options: { maskContact?: boolean } = {},
): Member {
  return present(
    'member',
    member,
    viewerOf(identity, { teamId: member.teamId, ownerId: member.id }, options),
  ) as Member;
}

/** Whether a member's record is within the caller's reach; what is not is answered "not found". */
export function canSeeMember(
  member: { id: string; teamId: string },
  identity: IdentityClaims,
): boolean {
  return inScope(identity.scope, { teamId: member.teamId, ownerId: member.id });
}

import type { Member } from '@salesops/members-contracts';
import { inScope, present } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

/** A member as the caller may see them: contact fields masked unless the policy says clear. */
export function presentMember(member: Member, identity: IdentityClaims): Member {
  const { caller, scope } = identity;
  return present('member', member, {
    roles: caller.roles,
    isOwner: caller.memberId !== null && caller.memberId === member.id,
    inScope: inScope(scope, { teamId: member.teamId, ownerId: member.id }),
    sameTeam: caller.teamId !== null && caller.teamId === member.teamId,
  }) as Member;
}

/** Whether a member's record is within the caller's reach; what is not is answered "not found". */
export function canSeeMember(
  member: { id: string; teamId: string },
  identity: IdentityClaims,
): boolean {
  return inScope(identity.scope, { teamId: member.teamId, ownerId: member.id });
}

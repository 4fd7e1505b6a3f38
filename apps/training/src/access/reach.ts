import { type IdentityClaims, reachOf } from '@salesops/rpc';

/** A filter on a training row's trainee: all, their teams', or the caller's own. */
export type TraineeFilter = { teamId?: { in: string[] }; memberId?: string };

export function traineeFilterOf(identity: IdentityClaims): TraineeFilter {
  const reach = reachOf(identity);
  if ('all' in reach) return {};
  if ('teamIds' in reach) return { teamId: { in: reach.teamIds } };
  // No member: a filter nothing matches.
  return { memberId: reach.ownerId ?? '00000000-0000-0000-0000-000000000000' };
}

/** Whether a member (on a team) is within the caller's reach, or is the caller. */
export function reaches(identity: IdentityClaims, member: { memberId: string; teamId: string }) {
  if (identity.caller.memberId === member.memberId) return true;
  const reach = reachOf(identity);
  if ('all' in reach) return true;
  if ('teamIds' in reach) return reach.teamIds.includes(member.teamId);
  return reach.ownerId === member.memberId;
}

/**
 * Exam scores are the member's own, their trainers', HR's, the director's and their leaders' in
 * reach (issue 15 §9); the rest of the company sees that an attempt was made, not its score.
 */
export function seesScores(identity: IdentityClaims, member: { memberId: string; teamId: string }) {
  if (identity.caller.memberId === member.memberId) return true;
  if (identity.permissions.includes('training:manage')) return true;
  const roles = identity.caller.roles;
  if (roles.includes('hr') || roles.includes('director')) return true;
  const leads = roles.some((role) => ['manager', 'team_leader', 'vice_leader'].includes(role));
  return leads && reaches(identity, member);
}

import type { IdentityClaims } from '@salesops/rpc';

/**
 * Whether a team is within the caller's reach: every team for company scope, the resolved teams
 * (own team, or subtree) otherwise.
 */
export function canSeeTeam(teamId: string, identity: IdentityClaims): boolean {
  const { scope } = identity;
  if (scope.kind === 'company') return true;
  if (scope.kind === 'none') return false;
  return scope.teamIds.includes(teamId);
}

/** The teams a list may include: null for all. */
export function visibleTeamIds(identity: IdentityClaims): string[] | null {
  const { scope } = identity;
  if (scope.kind === 'company') return null;
  return scope.kind === 'none' ? [] : scope.teamIds;
}

import { DomainError, type IdentityClaims } from '@salesops/rpc';
import { viewerOf, type Viewer } from '@salesops/policy';

import type { RosterRow } from './kpi.repository';

/** A rep reaches their own scorecard, leaders their subtree's, HR and directors everyone's. */
export function reaches(identity: IdentityClaims, member: RosterRow): boolean {
  const { scope } = identity;
  switch (scope.kind) {
    case 'company':
      return true;
    case 'own':
      return scope.memberId === member.memberId;
    case 'team':
    case 'subtree':
      return member.teamId !== null && scope.teamIds.includes(member.teamId);
    case 'none':
      return false;
  }
}

export function requireReach(identity: IdentityClaims, member: RosterRow | null): RosterRow {
  if (!member || !reaches(identity, member)) throw new DomainError('SCORECARD_NOT_FOUND');
  return member;
}

/** How the caller stands to a member's scorecard, for the field policy (profit is financial). */
export function viewerOfMember(identity: IdentityClaims, member: RosterRow): Viewer {
  return viewerOf(identity, { teamId: member.teamId ?? '', ownerId: member.memberId });
}

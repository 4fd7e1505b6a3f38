import type { Role } from './roles';

/**
 * How far a role's reach goes in the team tree: its own records, its team, its team's subtree, or
 * the whole company. `none` reaches no business data (an administrator).
 */
export type ScopeKind = 'none' | 'own' | 'team' | 'subtree' | 'company';

export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  admin: 'none',
  director: 'company',
  manager: 'subtree',
  team_leader: 'subtree',
  vice_leader: 'subtree',
  sales_rep: 'own',
  customer_service: 'team',
  operations: 'team',
  hr: 'company',
  finance: 'company',
  trainer: 'company',
};

const BREADTH: ScopeKind[] = ['none', 'own', 'team', 'subtree', 'company'];

/** The widest reach among a caller's roles. */
export function scopeOf(roles: readonly Role[]): ScopeKind {
  return roles.reduce<ScopeKind>(
    (widest, role) =>
      BREADTH.indexOf(ROLE_SCOPE[role]) > BREADTH.indexOf(widest) ? ROLE_SCOPE[role] : widest,
    'none',
  );
}

/**
 * A caller's resolved reach: `teamIds` lists the teams it covers (its team, or its subtree),
 * `memberId` the records it owns. `company` covers everything; `none` nothing.
 */
export interface ResolvedScope {
  kind: ScopeKind;
  teamIds: string[];
  memberId: string | null;
}

/** Whether a record of a team (and, for `own`, of an owner) is within reach. */
export function inScope(
  scope: ResolvedScope,
  record: { teamId: string | null; ownerId?: string | null },
): boolean {
  switch (scope.kind) {
    case 'company':
      return true;
    case 'subtree':
    case 'team':
      return record.teamId !== null && scope.teamIds.includes(record.teamId);
    case 'own':
      return scope.memberId !== null && record.ownerId === scope.memberId;
    case 'none':
      return false;
  }
}

import { inScope, mayGrantRoles, mayManageAccount } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

export interface AccountSubject {
  /** Null for an account not made yet. */
  id: string | null;
  memberId: string | null;
  teamId: string | null;
  roles: readonly string[];
}

export type AccountAction = 'read' | 'manage' | 'grant';

/** Which accounts a list covers: all, those of any member, or those of members of some teams. */
export type AccountReach =
  | { kind: 'all' }
  | { kind: 'members' }
  | { kind: 'teams'; teamIds: string[] };

/** An administrator sees every account. */
const seesEveryAccount = (identity: IdentityClaims) => mayGrantRoles(identity.caller.roles);
export type AccountAccess = 'allowed' | 'not-found' | 'self' | 'above-authority';

/**
 * How a caller stands to an account. An administrator sees every account; HR (`users:manage`
 * without admin) only those of members in its reach, and the others do not exist for it. Nobody
 * manages or grants to their own account; managing needs the authority of the account's roles,
 * granting an administrator (see @salesops/policy accounts).
 */
export function accountAccess(
  identity: IdentityClaims,
  account: AccountSubject,
  action: AccountAction,
): AccountAccess {
  const { caller, permissions, scope } = identity;
  const admin = seesEveryAccount(identity);
  const sees =
    admin ||
    (permissions.includes('users:manage') &&
      account.memberId !== null &&
      inScope(scope, { teamId: account.teamId }));
  if (!sees) return 'not-found';
  if (action === 'read') return 'allowed';
  const own =
    account.id === caller.id || (caller.memberId !== null && account.memberId === caller.memberId);
  if (own) return 'self';
  const authority = action === 'grant' ? admin : mayManageAccount(caller.roles, account.roles);
  return authority ? 'allowed' : 'above-authority';
}

/** The accounts a caller's lists cover: the same as `accountAccess` lets it read. */
export function accountReach(identity: IdentityClaims): AccountReach {
  if (seesEveryAccount(identity)) return { kind: 'all' };
  if (!identity.permissions.includes('users:manage')) return { kind: 'teams', teamIds: [] };
  const { scope } = identity;
  if (scope.kind === 'company') return { kind: 'members' };
  return {
    kind: 'teams',
    teamIds: scope.kind === 'team' || scope.kind === 'subtree' ? scope.teamIds : [],
  };
}

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
  const admin = mayGrantRoles(caller.roles);
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

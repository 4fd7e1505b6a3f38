import { randomUUID } from 'node:crypto';

import { ROLE_PERMISSIONS, type Role, type ScopeKind } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

/**
 * The identity the gateway would sign for a user with one role: that role's permissions, a scope
 * of `scope` kind over the team (if any), as the member (if any).
 */
export function identityOf(
  role: Role,
  scope: ScopeKind,
  { memberId = null, teamId = null }: { memberId?: string | null; teamId?: string | null } = {},
): IdentityClaims {
  return {
    caller: { kind: 'user', id: randomUUID(), memberId, teamId, roles: [role] },
    permissions: [...ROLE_PERMISSIONS[role]],
    scope: { kind: scope, teamIds: teamId ? [teamId] : [], memberId },
  };
}

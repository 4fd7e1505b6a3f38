import { z } from 'zod';

import { permissionSchema, roleSchema } from '@salesops/policy';

/** Who a request is made for. */
export const callerSchema = z.object({
  kind: z.enum(['user', 'api_key', 'system']),
  id: z.string(),
  memberId: z.string().nullable(),
  teamId: z.string().nullable(),
  roles: z.array(roleSchema),
});
export type Caller = z.infer<typeof callerSchema>;

/** The caller's reach in the team tree, resolved by the gateway (see @salesops/policy). */
export const resolvedScopeSchema = z.object({
  kind: z.enum(['none', 'own', 'team', 'subtree', 'company']),
  teamIds: z.array(z.string()),
  memberId: z.string().nullable(),
});

/** What the gateway vouches for with each request: who, what they may do, how far they reach. */
export const identityClaimsSchema = z.object({
  caller: callerSchema,
  permissions: z.array(permissionSchema),
  scope: resolvedScopeSchema,
});
export type IdentityClaims = z.infer<typeof identityClaimsSchema>;

/** A service acting in its own name, allowed no more than what it names (see `background`). */
export function backgroundIdentity(
  service: string,
  permissions: IdentityClaims['permissions'],
): IdentityClaims {
  return {
    caller: { kind: 'system', id: service, memberId: null, teamId: null, roles: [] },
    permissions,
    scope: { kind: 'company', teamIds: [], memberId: null },
  };
}

export const SYSTEM_IDENTITY: IdentityClaims = {
  caller: { kind: 'system', id: 'system', memberId: null, teamId: null, roles: [] },
  permissions: ['teams:read', 'teams:write', 'members:read', 'members:write'],
  scope: { kind: 'company', teamIds: [], memberId: null },
};

/** Who did something, as records name them: the member, or the caller's own id for a non-member. */
export function personOf(identity: IdentityClaims): string {
  return identity.caller.memberId ?? identity.caller.id;
}

/** The records a caller reaches, as a repository filter: all, some teams', or one owner's. */
export type Reach = { all: true } | { teamIds: string[] } | { ownerId: string | null };

export function reachOf({ scope }: IdentityClaims): Reach {
  switch (scope.kind) {
    case 'company':
      return { all: true };
    case 'subtree':
    case 'team':
      return { teamIds: scope.teamIds };
    case 'own':
      return { ownerId: scope.memberId };
    case 'none':
      return { ownerId: null };
  }
}

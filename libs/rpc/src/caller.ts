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

export const SYSTEM_IDENTITY: IdentityClaims = {
  caller: { kind: 'system', id: 'system', memberId: null, teamId: null, roles: [] },
  permissions: ['teams:read', 'teams:write', 'members:read', 'members:write'],
  scope: { kind: 'company', teamIds: [], memberId: null },
};

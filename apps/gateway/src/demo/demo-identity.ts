import { permissionsOf, type Role } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

/** A demo person's identity as the gateway would pass it on: own reach for reps, company for finance. */
export const identityOf = (
  role: Role,
  username: string,
  member: { id: string; teamId: string } | null,
): IdentityClaims => ({
  caller: {
    kind: 'user' as const,
    id: `demo-seed-${username}`,
    memberId: member?.id ?? null,
    teamId: member?.teamId ?? null,
    roles: [role],
  },
  permissions: [...permissionsOf([role])],
  scope:
    role === 'sales_rep'
      ? {
          kind: 'own' as const,
          teamIds: member ? [member.teamId] : [],
          memberId: member?.id ?? null,
        }
      : role === 'finance'
        ? { kind: 'company' as const, teamIds: [], memberId: member?.id ?? null }
        : {
            kind: 'subtree' as const,
            teamIds: member ? [member.teamId] : [],
            memberId: member?.id ?? null,
          },
});

import { type Role, roleSchema } from '@salesops/policy';

import type { User } from '../generated/prisma/client';
import type { UserView } from './user.schemas';

function rolesOf(stored: string[]): Role[] {
  return stored.flatMap((role) => {
    const parsed = roleSchema.safeParse(role);
    return parsed.success ? [parsed.data] : [];
  });
}

export function statusOf(user: User): UserView['status'] {
  if (user.disabledAt) return 'disabled';
  if (!user.active) return 'suspended';
  return user.passwordHash === null ? 'pending' : 'active';
}

/** Named fields only: hashes, secrets and the token's hash never reach a view. */
export function toUserView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    memberId: user.memberId,
    teamId: user.teamId,
    roles: rolesOf(user.roles),
    grants: rolesOf(user.grants),
    status: statusOf(user),
    mfaEnabled: user.mfaEnabledAt !== null,
    activationExpiresAt: user.activationExpiresAt?.toISOString() ?? null,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

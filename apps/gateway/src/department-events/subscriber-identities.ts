import { Inject, Injectable } from '@nestjs/common';

import { type Permission, permissionSchema, type Role, roleSchema } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

import { IdentityResolver } from '../auth/identity.resolver';
import type { OwnerRow } from './webhooks.repository';

const roles = (values: readonly string[]): Role[] =>
  values.flatMap((value) => {
    const parsed = roleSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });

const permissions = (values: readonly string[]): Permission[] =>
  values.flatMap((value) => {
    const parsed = permissionSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });

/**
 * The identity a subscription's deliveries are filtered for: its owner's, as of now (a user's
 * roles and reach, a key's scopes and team). An owner disabled, revoked or no longer allowed to
 * manage webhooks receives nothing.
 */
@Injectable()
export class SubscriberIdentities {
  constructor(@Inject(IdentityResolver) private readonly resolver: IdentityResolver) {}

  async of(owner: OwnerRow, requestId: string): Promise<IdentityClaims | null> {
    if (!owner.usable) return null;
    const identity =
      owner.kind === 'user'
        ? await this.resolver.resolve(
            {
              kind: 'user',
              id: owner.id,
              memberId: owner.memberId,
              teamId: owner.teamId,
              roles: roles(owner.roles),
            },
            requestId,
          )
        : await this.resolver.resolveKey(
            { id: owner.id, teamId: owner.teamId, scopes: permissions(owner.scopes) },
            requestId,
          );
    return identity.permissions.includes('webhooks:manage') ? identity : null;
  }
}

import type { IdentityClaims } from '@salesops/rpc';

import type { CustomerReach } from './customers.repository';

/** The customers a caller reaches, as a repository filter. */
export function reachOf({ scope }: IdentityClaims): CustomerReach {
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

/** Who did something, as records name them: the member, or the caller's id for a non-member. */
export function personOf(identity: IdentityClaims): string {
  return identity.caller.memberId ?? identity.caller.id;
}

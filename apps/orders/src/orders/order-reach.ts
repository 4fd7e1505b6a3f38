import type { IdentityClaims } from '@salesops/rpc';

import type { OrderReach } from './orders.repository';

/** The orders (and contracts) a caller reaches, as a repository filter. */
export function reachOf({ scope }: IdentityClaims): OrderReach {
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

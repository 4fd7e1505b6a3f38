import type { Order } from '@salesops/orders-contracts';
import { inScope, present, viewerOf } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

/** An order as the caller may see it: cost, profit and the discount approval only if cleared. */
export function presentOrder(order: Order, identity: IdentityClaims): Order {
  return present(
    'order',
    order,
    viewerOf(identity, { teamId: order.teamId, ownerId: order.ownerId }),
  ) as Order;
}

/** Whether an order is within the caller's reach; what is not is answered "not found". */
export function canSeeOrder(order: { teamId: string; ownerId: string }, identity: IdentityClaims) {
  return inScope(identity.scope, order);
}

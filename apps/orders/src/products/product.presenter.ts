import type { Product } from '@salesops/orders-contracts';
import { present } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

/**
 * A product as the caller may see it: the unit cost only for those cleared for `financial`. The
 * catalog is the company's, so it is within every reader's scope (a manager sees the cost).
 */
export function presentProduct(product: Product, identity: IdentityClaims): Product {
  return present('product', product, {
    roles: identity.caller.roles,
    isOwner: false,
    inScope: true,
    sameTeam: false,
  }) as Product;
}

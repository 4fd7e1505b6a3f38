import type { Customer } from '@salesops/customers-contracts';
import { inScope, present, viewerOf } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

/** A customer as the caller may see them: contact fields masked unless the policy says clear. */
export function presentCustomer(
  customer: Customer,
  identity: IdentityClaims,
  options: { maskContact?: boolean } = {},
): Customer {
  return present(
    'customer',
    customer,
    viewerOf(identity, { teamId: customer.teamId, ownerId: customer.ownerId }, options),
  ) as Customer;
}

/** Whether a customer is within the caller's reach; what is not is answered "not found". */
export function canSeeCustomer(
  customer: { teamId: string; ownerId: string },
  identity: IdentityClaims,
): boolean {
  return inScope(identity.scope, customer);
}

import type { Customer } from '@salesops/customers-contracts';
import {
  FIELD_RULES,
  inScope,
  mayReadContactInClear,
  present,
  viewerOf,
  visibilityOf,
} from '@salesops/policy';
import { DomainError, type IdentityClaims } from '@salesops/rpc';

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

/**
 * Asking a list in clear without the right to read anyone's contact data in clear is refused
 * (403), rather than answered masked as if clear had been given. A rep reads their own.
 */
export function assertMayAskContactInClear(identity: IdentityClaims): void {
  if (identity.scope.kind === 'own') return;
  const best = visibilityOf(FIELD_RULES.customer.phone, {
    roles: identity.caller.roles,
    isOwner: false,
    inScope: true,
    sameTeam: true,
  });
  if (best !== 'clear') throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
}

/**
 * How one customer read with `contact` is shown: masked when asked; in clear only where the policy
 * allows it for this customer, else refused (403) rather than answered masked.
 */
export function contactOptionsOf(
  customer: { teamId: string; ownerId: string },
  identity: IdentityClaims,
  contact: 'masked' | 'clear' | undefined,
): { maskContact: boolean } {
  const record = { teamId: customer.teamId, ownerId: customer.ownerId };
  if (contact === 'clear' && !mayReadContactInClear('customer', viewerOf(identity, record))) {
    throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
  }
  return { maskContact: contact === 'masked' };
}

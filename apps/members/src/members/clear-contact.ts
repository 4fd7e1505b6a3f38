import { FIELD_RULES, mayReadContactInClear, viewerOf, visibilityOf } from '@salesops/policy';
import { DomainError, type IdentityClaims } from '@salesops/rpc';

/**
 * A list asked with `contact=clear` by a caller who may read no one's contact data in clear but
 * their own is refused (403), rather than answered masked as if clear had been given.
 */
export function assertMayAskContactInClear(
  identity: IdentityClaims,
  resource: 'member' | 'application',
): void {
  if (identity.scope.kind === 'own') return;
  const best = visibilityOf(FIELD_RULES[resource].phone, {
    roles: identity.caller.roles,
    isOwner: false,
    inScope: true,
    sameTeam: true,
  });
  if (best !== 'clear') throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
}

/**
 * How one record read with `contact` is shown: masked when asked; in clear only where the policy
 * allows it for this record, else refused (403) rather than answered masked.
 */
export function contactOptionsOf(
  resource: 'member' | 'application',
  identity: IdentityClaims,
  record: { teamId: string; ownerId: string | null },
  contact: 'masked' | 'clear' | undefined,
): { maskContact: boolean } {
  if (contact === 'clear' && !mayReadContactInClear(resource, viewerOf(identity, record))) {
    throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
  }
  return { maskContact: contact === 'masked' };
}

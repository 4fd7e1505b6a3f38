import type { Resource } from './field-classes';
import { mayReadContactInClear, type PolicySubject, viewerOf } from './field-policy';

/** How a read asked for contact fields: masked, in clear, or as the policy shows them. */
export type ContactAsk = 'masked' | 'clear' | undefined;

/** How the records of a read are shown; `null`: clear was asked where it may not be given. */
export type ContactOptions = { maskContact: boolean } | null;

/**
 * How one record read with `contact` is shown: masked when asked; in clear only where the policy
 * allows it for this record. Where it does not, the ask is refused (403), not answered masked.
 */
export function contactOptionsOf(
  resource: Resource,
  subject: PolicySubject,
  record: { teamId: string; ownerId: string | null },
  contact: ContactAsk,
): ContactOptions {
  if (contact === 'clear' && !mayReadContactInClear(resource, viewerOf(subject, record))) {
    return null;
  }
  return { maskContact: contact === 'masked' };
}

/**
 * How a list read with `contact` is shown: in clear only for a caller who may read someone's
 * contact data in clear (a rep reads their own), else refused (403) rather than answered masked.
 */
export function listContactOptionsOf(
  resource: Resource,
  subject: PolicySubject,
  contact: ContactAsk,
): ContactOptions {
  if (contact === 'clear' && subject.scope.kind !== 'own') {
    const best = { roles: subject.caller.roles, isOwner: false, inScope: true, sameTeam: true };
    if (!mayReadContactInClear(resource, best)) return null;
  }
  return { maskContact: contact === 'masked' };
}

import { type AuthorityAction, authorityCheck } from '@salesops/policy';
import { DomainError, type IdentityClaims } from '@salesops/rpc';

/**
 * Refuses, before anything changes, what lies beyond the caller's own authority or decides a
 * matter about themself (the rule is the policy's `authorityCheck`).
 */
export function requireAuthority(
  identity: IdentityClaims,
  action: AuthorityAction,
  target: { id: string; position: string } | null,
  sets: readonly string[] = [],
): void {
  const refusal = authorityCheck({
    caller: identity.caller,
    action,
    target: target && { memberId: target.id, position: target.position },
    sets,
  });
  if (refusal) throw new DomainError(refusal);
}

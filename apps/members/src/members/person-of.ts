import type { IdentityClaims } from '@salesops/rpc';

/**
 * Who did something, as records name them: the member, or the caller's own id for someone who is
 * no member (an administrator, a process).
 */
export function personOf(identity: IdentityClaims): string {
  return identity.caller.memberId ?? identity.caller.id;
}

/** Whether a recorded person is the caller (rows from before member ids named the user). */
export function isPerson(recorded: string, identity: IdentityClaims): boolean {
  return recorded === personOf(identity) || recorded === identity.caller.id;
}

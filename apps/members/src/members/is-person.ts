import { type IdentityClaims, personOf } from '@salesops/rpc';

/** Whether a recorded person is the caller (rows from before member ids named the user). */
export function isPerson(recorded: string, identity: IdentityClaims): boolean {
  return recorded === personOf(identity) || recorded === identity.caller.id;
}

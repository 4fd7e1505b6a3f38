import type { SealedFieldPlace } from '@salesops/persistence';

/** A user's second-factor secret, pending or enabled: enabling moves the sealed value as it is. */
export function mfaSecretPlace(userId: string): SealedFieldPlace {
  return { table: 'user', field: 'mfaSecret', rowId: userId };
}

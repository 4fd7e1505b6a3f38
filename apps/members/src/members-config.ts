import { z } from 'zod';

import { contactKeysEnvSchema, type FieldCipher } from '@salesops/persistence';

export interface MembersSettings {
  cipher: FieldCipher;
  /** How often due transitions (promotion notices, probation ends, leave, departures) are looked for. */
  sweepIntervalMs: number;
}

const sweepMs = z.coerce.number().int().min(100);

/** `DUE_SWEEP_MS`; `PROMOTION_SWEEP_MS`, its former name, is still read when it is not set. */
export const membersEnvSchema = z
  .object({ DUE_SWEEP_MS: sweepMs.optional(), PROMOTION_SWEEP_MS: sweepMs.optional() })
  .and(contactKeysEnvSchema.transform((cipher) => ({ cipher })))
  .transform(
    (env): MembersSettings => ({
      cipher: env.cipher,
      sweepIntervalMs: env.DUE_SWEEP_MS ?? env.PROMOTION_SWEEP_MS ?? 5000,
    }),
  );

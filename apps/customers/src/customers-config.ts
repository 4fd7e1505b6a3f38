import { z } from 'zod';

import { contactKeysEnvSchema, type FieldCipher } from '@salesops/persistence';

export interface CustomersSettings {
  cipher: FieldCipher;
  /** How often weeks whose quota fell due are looked for (`DUE_SWEEP_MS`, 5 s). */
  sweepIntervalMs: number;
}

export const customersEnvSchema = z
  .object({ DUE_SWEEP_MS: z.coerce.number().int().min(100).default(5000) })
  .and(contactKeysEnvSchema.transform((cipher) => ({ cipher })))
  .transform(
    (env): CustomersSettings => ({ cipher: env.cipher, sweepIntervalMs: env.DUE_SWEEP_MS }),
  );

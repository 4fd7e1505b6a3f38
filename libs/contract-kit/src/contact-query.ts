import { z } from 'zod';

/**
 * A single read of a record with contact fields: `contact=clear` asks for them in clear (refused
 * where the policy does not allow it, never answered masked instead), `masked` masks them; without
 * it, they are as clear as the caller may read them.
 */
export const contactQuerySchema = z
  .object({ contact: z.enum(['masked', 'clear']).optional() })
  .strict();

/** A read of one record by id that takes `contact`. */
export const byIdWithContact = z.object({ id: z.uuid() }).extend(contactQuerySchema.shape).strict();

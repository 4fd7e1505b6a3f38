import { z } from 'zod';

/** The cursor query of every list: how many, and from where (the previous page's `nextCursor`). */
export const pageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().optional(),
  })
  .strict();

/** The reply of every list (api.md): `{ items, nextCursor }`, `nextCursor` null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

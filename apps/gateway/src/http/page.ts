import { z } from 'zod';

/** The list envelope of api.md: `{ items, nextCursor }`. */
export function pageSchemaOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

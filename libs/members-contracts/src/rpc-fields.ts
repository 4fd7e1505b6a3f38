import { z } from 'zod';

/** A page of a list, and where the next one starts. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const byId = z.object({ id: z.uuid() }).strict();
export const idempotencyKey = z.string().min(1).max(200).nullable();
export const expectedVersion = z.number().int().min(1).nullable();

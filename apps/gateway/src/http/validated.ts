import type { z } from 'zod';

import { validationError } from '@salesops/rpc';

/** A part of a request parsed by its schema; its issues, if any, are a 400 naming where they are. */
export function validated<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'params' | 'query' | 'body',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw validationError(
      parsed.error.issues.map((issue) => ({ ...issue, path: [where, ...issue.path] })),
    );
  }
  return parsed.data;
}

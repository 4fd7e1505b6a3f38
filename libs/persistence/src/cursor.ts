import { z } from 'zod';

import { DomainError } from '@salesops/rpc';

/** Keyset position after the last item of a page: the sort value and the id that breaks ties. */
const cursorSchema = z.object({ v: z.union([z.string(), z.number(), z.null()]), id: z.string() });
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid', undefined, [
      { path: 'cursor', message: 'not a cursor returned by this list' },
    ]);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Turns limit + 1 fetched rows into a page and the cursor after it. */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
  sortValue: (row: T) => string | number | null,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ v: sortValue(last), id: last.id }) : null,
  };
}

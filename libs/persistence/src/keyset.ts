import { decodeCursor } from './cursor';

export type Direction = 'asc' | 'desc';

/** A list request: how many items, and where the previous page ended. */
export interface Keyset {
  limit: number;
  cursor?: string;
}

/**
 * The Prisma arguments of one keyset page ordered on (`field`, id): the condition for rows after
 * the cursor, the order, and one row more than asked (so `toPage` knows whether a next page
 * exists). `parse` turns the cursor's value back into the field's type.
 */
export function keysetPage<Where, OrderBy>(
  query: Keyset,
  field: string,
  direction: Direction,
  parse: (value: string | number | null) => unknown = (value) => value,
): { after: Where; orderBy: OrderBy[]; take: number } {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const comparison = direction === 'desc' ? 'lt' : 'gt';
  const value = cursor ? parse(cursor.v) : undefined;
  if (field === 'id') {
    return {
      after: (cursor ? { id: { [comparison]: cursor.id } } : {}) as Where,
      orderBy: [{ id: direction }] as OrderBy[],
      take: query.limit + 1,
    };
  }
  const after = cursor
    ? {
        OR: [
          { [field]: { [comparison]: value } },
          { [field]: value, id: { [comparison]: cursor.id } },
        ],
      }
    : {};
  return {
    after: after as Where,
    orderBy: [{ [field]: direction }, { id: direction }] as OrderBy[],
    take: query.limit + 1,
  };
}

/** Newest first: keyset on (createdAt, id) descending. */
export function newestFirst<Where, OrderBy>(query: Keyset) {
  return keysetPage<Where, OrderBy>(query, 'createdAt', 'desc', (value) => new Date(String(value)));
}

import { decodeCursor, encodeCursor, type Page } from '@salesops/persistence';

/**
 * One page (api.md lists: `limit`, default 20, and `cursor`) of members in the order given (by
 * name, then id, as the roster lists them). The cursor names the last member shown; a next page
 * starts after it, or after where it stood if it has left the list since.
 */
export function pageOfMembers<T extends { memberId: string; name: string | null }>(
  members: readonly T[],
  { limit = 20, cursor }: { limit?: number; cursor?: string },
): Page<T> {
  let start = 0;
  if (cursor) {
    const after = decodeCursor(cursor);
    const at = members.findIndex((member) => member.memberId === after.id);
    start =
      at >= 0
        ? at + 1
        : members.filter((member) => (member.name ?? '') < String(after.v ?? '')).length;
  }
  const items = members.slice(start, start + limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      start + limit < members.length && last
        ? encodeCursor({ v: last.name, id: last.memberId })
        : null,
  };
}

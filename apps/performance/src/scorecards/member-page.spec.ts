import { pageOfMembers } from './member-page';

const member = (n: number) => ({ memberId: `m-${n}`, name: `Name ${String(n).padStart(2, '0')}` });
const members = Array.from({ length: 45 }, (_, n) => member(n));

describe('pageOfMembers', () => {
  it('gives 20 members by default, then the next page from its cursor, to the last', () => {
    const first = pageOfMembers(members, {});
    expect(first.items).toEqual(members.slice(0, 20));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = pageOfMembers(members, { cursor: first.nextCursor as string });
    expect(second.items).toEqual(members.slice(20, 40));
    const last = pageOfMembers(members, { cursor: second.nextCursor as string, limit: 100 });
    expect(last).toEqual({ items: members.slice(40), nextCursor: null });
  });

  it('continues after the cursor member even when members before it left meanwhile', () => {
    const first = pageOfMembers(members, { limit: 10 });
    const next = pageOfMembers(members.slice(3), { cursor: first.nextCursor as string, limit: 5 });
    expect(next.items).toEqual(members.slice(10, 15));
  });

  it('continues after where the cursor member stood when it left', () => {
    const first = pageOfMembers(members, { limit: 10 });
    const without = members.filter((_, n) => n !== 9);
    const next = pageOfMembers(without, { cursor: first.nextCursor as string, limit: 5 });
    expect(next.items).toEqual(members.slice(10, 15));
  });
});

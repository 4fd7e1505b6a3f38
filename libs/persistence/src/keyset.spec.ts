import { encodeCursor } from './cursor';
import { keysetPage, newestFirst } from './keyset';

describe('keyset pages', () => {
  it('takes one row more than asked, from the start without a cursor', () => {
    expect(keysetPage({ limit: 20 }, 'name', 'asc')).toEqual({
      after: {},
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: 21,
    });
  });

  it('continues after the cursor on (field, id), ties broken by id', () => {
    const cursor = encodeCursor({ v: 'Zhang', id: 'b' });
    expect(keysetPage({ limit: 5, cursor }, 'name', 'asc').after).toEqual({
      OR: [{ name: { gt: 'Zhang' } }, { name: 'Zhang', id: { gt: 'b' } }],
    });
  });

  it('goes backwards for newest first, reading the cursor as a date', () => {
    const at = '2026-11-28T10:00:00.000Z';
    const page = newestFirst({ limit: 5, cursor: encodeCursor({ v: at, id: 'x' }) });
    expect(page.after).toEqual({
      OR: [{ createdAt: { lt: new Date(at) } }, { createdAt: new Date(at), id: { lt: 'x' } }],
    });
    expect(page.orderBy).toEqual([{ createdAt: 'desc' }, { id: 'desc' }]);
  });

  it('orders by id alone when id is the sort field', () => {
    const cursor = encodeCursor({ v: 'b', id: 'b' });
    expect(keysetPage({ limit: 5, cursor }, 'id', 'asc')).toEqual({
      after: { id: { gt: 'b' } },
      orderBy: [{ id: 'asc' }],
      take: 6,
    });
  });

  it('refuses a cursor it did not make', () => {
    expect(() => keysetPage({ limit: 5, cursor: 'nonsense!' }, 'name', 'asc')).toThrow(
      'The cursor is not valid',
    );
  });
});

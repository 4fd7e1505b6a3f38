import { DomainError } from '@salesops/rpc';

import { decodeCursor, encodeCursor, toPage } from './cursor';

describe('cursors', () => {
  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor({ v: 'Zhang', id: 'abc' }))).toEqual({
      v: 'Zhang',
      id: 'abc',
    });
  });

  it.each(['not-base64!', Buffer.from('{"v":1}').toString('base64url'), ''])(
    'refuses %p',
    (raw) => {
      expect(() => decodeCursor(raw)).toThrow(DomainError);
    },
  );

  it('makes a page and a cursor only when more rows exist', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toPage(rows, 2, (row) => row.id);
    expect(page.items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(decodeCursor(page.nextCursor as string)).toEqual({ v: 'b', id: 'b' });
    expect(toPage(rows, 3, (row) => row.id).nextCursor).toBeNull();
  });
});

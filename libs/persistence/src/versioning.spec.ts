import { DomainError } from '@salesops/rpc';

import { atVersion, versionedUpdate } from './versioning';

const notFound = new DomainError('MEMBER_NOT_FOUND');

describe('versioned updates (If-Match)', () => {
  it('applies a change only at the expected version and bumps it', () => {
    expect(atVersion('m1', 3, { name: 'Li' })).toEqual({
      where: { id: 'm1', version: 3 },
      data: { name: 'Li', version: { increment: 1 } },
    });
  });

  it('returns the row read after an update that applied', async () => {
    const row = { id: 'm1', version: 4 };
    await expect(
      versionedUpdate(
        notFound,
        () => Promise.resolve({ count: 1 }),
        () => Promise.resolve(row),
      ),
    ).resolves.toBe(row);
  });

  it('is a version mismatch (412) when the row has moved on', async () => {
    await expect(
      versionedUpdate(
        notFound,
        () => Promise.resolve({ count: 0 }),
        () => Promise.resolve({ id: 'm1', version: 5 }),
      ),
    ).rejects.toMatchObject({ code: 'VERSION_MISMATCH', status: 412 });
  });

  it('is the given not-found when there is no row', async () => {
    await expect(
      versionedUpdate(
        notFound,
        () => Promise.resolve({ count: 0 }),
        () => Promise.resolve(null),
      ),
    ).rejects.toBe(notFound);
  });
});

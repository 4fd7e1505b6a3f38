import { databaseFailureOf } from './database-failure';

describe('databaseFailureOf', () => {
  const prismaError = (code: string, meta: Record<string, unknown> = {}) =>
    Object.assign(new Error('prisma'), { name: 'PrismaClientKnownRequestError', code, meta });

  it('calls a lost or refused connection unavailable, however it is wrapped', () => {
    expect(databaseFailureOf(prismaError('P1001'))).toBe('unavailable');
    const terminated = { cause: { kind: 'postgres', originalCode: '57P01' } };
    expect(databaseFailureOf(prismaError('P2010', { driverAdapterError: terminated }))).toBe(
      'unavailable',
    );
    expect(databaseFailureOf(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(databaseFailureOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(
      'unavailable',
    );
    expect(databaseFailureOf(new Error('wrapped', { cause: { code: '08006' } }))).toBe(
      'unavailable',
    );
  });

  it('calls serialization failures and deadlocks conflicts', () => {
    expect(databaseFailureOf(prismaError('P2034'))).toBe('conflict');
    expect(databaseFailureOf({ code: '40P01', message: 'deadlock detected' })).toBe('conflict');
  });

  it('leaves what the work itself did wrong alone', () => {
    expect(databaseFailureOf(prismaError('P2002'))).toBeUndefined();
    expect(databaseFailureOf({ code: '23505', message: 'duplicate key' })).toBeUndefined();
    expect(databaseFailureOf(new Error('boom'))).toBeUndefined();
    expect(databaseFailureOf(undefined)).toBeUndefined();
  });
});

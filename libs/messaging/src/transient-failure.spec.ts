import { DomainError } from '@salesops/rpc';

import { isTransientFailure } from './transient-failure';

describe('isTransientFailure', () => {
  it('calls an unreachable database, a busy one and an absent service transient', () => {
    expect(isTransientFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientFailure({ code: '40001', message: 'could not serialize access' })).toBe(true);
    expect(isTransientFailure(new DomainError('SERVICE_UNAVAILABLE'))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toBe(true);
  });

  it('calls what the event itself gets wrong deterministic', () => {
    expect(isTransientFailure(new DomainError('NOT_FOUND'))).toBe(false);
    expect(isTransientFailure(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isTransientFailure({ code: '23503', message: 'foreign key violation' })).toBe(false);
  });
});

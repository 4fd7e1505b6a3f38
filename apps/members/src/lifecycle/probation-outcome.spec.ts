import { type DomainError } from '@salesops/rpc';

import type { Member as MemberRow } from '../generated/prisma/client';
import { probationOutcome } from './member-lifecycle.service';

const END = new Date('2026-12-25T00:00:00.000Z');
const member = (overrides: Partial<MemberRow> = {}) =>
  ({
    status: 'probation',
    probationEndsAt: END,
    probationExtended: false,
    ...overrides,
  }) as MemberRow;
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'no error';
};

describe('probationOutcome', () => {
  it('confirms into active', () => {
    expect(probationOutcome(member(), { decision: 'confirm', notes: 'ok' })).toEqual({
      status: 'active',
    });
  });

  it('extends once, to a later end', () => {
    const later = '2027-01-08T00:00:00.000Z';
    expect(
      probationOutcome(member(), { decision: 'extend', probationEndsAt: later, notes: 'more' }),
    ).toEqual({ status: 'probation', probationEndsAt: new Date(later), probationExtended: true });
    expect(
      codeOf(() =>
        probationOutcome(member({ probationExtended: true }), {
          decision: 'extend',
          probationEndsAt: later,
          notes: 'again',
        }),
      ),
    ).toBe('PROBATION_ALREADY_EXTENDED');
    expect(
      codeOf(() =>
        probationOutcome(member(), {
          decision: 'extend',
          probationEndsAt: END.toISOString(),
          notes: 'same day',
        }),
      ),
    ).toBe('PROBATION_END_NOT_LATER');
  });

  it('terminates into departed, with the reason and its class', () => {
    expect(probationOutcome(member(), { decision: 'terminate', notes: 'no sales' })).toMatchObject({
      status: 'departed',
      departedAt: expect.any(Date),
      departureReason: 'probation terminated: no sales',
      departureKind: 'probation_failed',
    });
  });
});

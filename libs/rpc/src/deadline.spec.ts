import { type DomainError } from '@salesops/contract-kit';

import { DEADLINE_MARGIN_MS, deadlineFromHeader, onwardBudgetMs, timeLeftMs } from './deadline';

describe('deadlines', () => {
  const now = 10_000;

  it('reads the time left from the header as a deadline on this process clock', () => {
    expect(deadlineFromHeader('2500', now)).toBe(12_500);
    expect(deadlineFromHeader(undefined, now)).toBeUndefined();
    expect(deadlineFromHeader('soon', now)).toBeUndefined();
    expect(timeLeftMs(12_500, 11_000)).toBe(1500);
    expect(timeLeftMs(undefined, now)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives an onward call its own timeout, never more than the time left less the margin', () => {
    expect(onwardBudgetMs(5000, undefined, now)).toBe(5000);
    expect(onwardBudgetMs(5000, now + 60_000, now)).toBe(5000);
    expect(onwardBudgetMs(5000, now + 3000, now)).toBe(3000 - DEADLINE_MARGIN_MS);
  });

  it('sends nothing once the time left is within the margin', () => {
    for (const left of [DEADLINE_MARGIN_MS, 0, -1]) {
      expect(() => onwardBudgetMs(5000, now + left, now)).toThrow(
        expect.objectContaining({ code: 'DEADLINE_EXCEEDED' }) as DomainError,
      );
    }
  });
});

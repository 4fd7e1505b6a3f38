import { rungOf } from './application-rung';

describe('rungOf', () => {
  it.each([
    ['sales_rep', 'professional', 'sales_rep'],
    ['vice_leader', 'professional', 'senior_sales_rep'],
    ['team_leader', 'management', 'team_leader'],
    ['customer_service', 'professional', 'customer_service'],
    ['operations', 'professional', 'operations'],
  ] as const)('starts %s on %s / %s when none is named', (position, track, level) => {
    expect(rungOf({ position })).toEqual({ track, level });
  });

  it('keeps the track and level given', () => {
    expect(rungOf({ position: 'hr', track: 'professional', level: 'sales_rep' })).toEqual({
      track: 'professional',
      level: 'sales_rep',
    });
  });

  it('invents none for a staff function', () => {
    expect(() => rungOf({ position: 'finance' })).toThrow();
  });
});

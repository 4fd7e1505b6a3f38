import { lowerLevelOf } from './member-records.service';

describe('lowerLevelOf', () => {
  it.each([
    ['professional', 'senior_sales_rep', 'sales_rep'],
    ['professional', 'principal_customer_service', 'senior_customer_service'],
    ['management', 'director', 'manager'],
    ['management', 'supervisor', 'team_leader'],
  ])('on the %s track, %s goes down to %s', (track, level, lower) => {
    expect(lowerLevelOf({ track, level })).toBe(lower);
  });

  it.each([
    ['professional', 'sales_rep'],
    ['management', 'team_leader'],
    ['professional', 'director'],
  ])('refuses %s / %s', (track, level) => {
    expect(() => lowerLevelOf({ track, level })).toThrow(
      expect.objectContaining({ code: 'DEMOTION_BELOW_LADDER' }),
    );
  });
});

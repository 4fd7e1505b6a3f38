import { nextLevelOf } from './promotions.service';

describe('nextLevelOf', () => {
  it.each([
    ['professional', 'sales_rep', 'senior_sales_rep'],
    ['professional', 'senior_operations', 'principal_operations'],
    ['management', 'team_leader', 'supervisor'],
    ['management', 'manager', 'director'],
    ['management', 'director', null],
    ['professional', 'principal_sales_rep', null],
    ['professional', 'team_leader', null],
  ])('on the %s track, after %s comes %s', (track, level, next) => {
    expect(nextLevelOf({ track, level })).toBe(next);
  });
});

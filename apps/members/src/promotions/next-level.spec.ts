import { nextLevelOf, promotionLevelRefusalOf } from './promotions.service';

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

describe('promotionLevelRefusalOf', () => {
  const rep = { track: 'professional', level: 'sales_rep' };

  it('lets the next level through', () => {
    expect(promotionLevelRefusalOf(rep, 'senior_sales_rep')).toBeNull();
  });

  it('names a level beyond the next one a skip (api.md: PROMOTION_LEVEL_SKIPPED)', () => {
    expect(promotionLevelRefusalOf(rep, 'principal_sales_rep')).toBe('PROMOTION_LEVEL_SKIPPED');
    expect(promotionLevelRefusalOf({ track: 'management', level: 'team_leader' }, 'director')).toBe(
      'PROMOTION_LEVEL_SKIPPED',
    );
  });

  it.each([
    ['the same level', rep, 'sales_rep'],
    ['a lower level', { track: 'professional', level: 'senior_sales_rep' }, 'sales_rep'],
    ['another ladder', rep, 'senior_operations'],
    ['the top of the ladder', { track: 'management', level: 'director' }, 'director'],
  ])('refuses %s as not the next level', (_case, member, toLevel) => {
    expect(promotionLevelRefusalOf(member, toLevel)).toBe('PROMOTION_LEVEL_NOT_NEXT');
  });
});

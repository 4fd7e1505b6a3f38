import { isLevelOnTrack } from './members.service';

describe('isLevelOnTrack', () => {
  it.each([
    ['team_leader', 'management', true],
    ['director', 'management', true],
    ['sales_rep', 'professional', true],
    ['principal_customer_service', 'professional', true],
    ['senior_operations', 'professional', true],
    ['director', 'professional', false],
    ['senior_sales_rep', 'management', false],
  ] as const)('%s on the %s track: %s', (level, track, expected) => {
    expect(isLevelOnTrack(level, track)).toBe(expected);
  });
});

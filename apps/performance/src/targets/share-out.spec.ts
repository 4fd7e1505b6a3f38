import { shareOut } from './targets.service';
import { ranked } from '../rankings/rankings.service';

describe('shareOut', () => {
  it('splits evenly to the cent, the parts adding up to the whole', () => {
    expect(shareOut(100_000n, [1, 1, 1])).toEqual([33_334n, 33_333n, 33_333n]);
  });

  it('splits by weights, giving nothing to a weight of 0', () => {
    const parts = shareOut(99_999n, [50, 50, 0]);
    expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(99_999n);
    expect(parts[2]).toBe(0n);
  });
});

describe('ranked', () => {
  it('gives equal values the same rank and skips the ranks they take', () => {
    expect(
      ranked([
        { memberId: 'a', name: 'A', value: '10.00' },
        { memberId: 'b', name: 'B', value: '30.00' },
        { memberId: 'c', name: 'C', value: '10.00' },
        { memberId: 'd', name: 'D', value: null },
      ]).map((entry) => [entry.memberId, entry.rank]),
    ).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
    ]);
  });
});

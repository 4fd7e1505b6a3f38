import { inScope, scopeOf } from './data-scope';

describe('data scope', () => {
  it.each([
    [['director'], 'company'],
    [['manager'], 'subtree'],
    [['sales_rep'], 'own'],
    [['customer_service'], 'team'],
    [['admin'], 'none'],
    [['sales_rep', 'team_leader'], 'subtree'],
  ] as const)('%j reaches %s', (roles, expected) => {
    expect(scopeOf(roles)).toBe(expected);
  });

  it('checks a record against a resolved scope', () => {
    const subtree = { kind: 'subtree', teamIds: ['t-1', 't-2'], memberId: 'm-9' } as const;
    expect(inScope(subtree, { teamId: 't-2' })).toBe(true);
    expect(inScope(subtree, { teamId: 't-3' })).toBe(false);
    const own = { kind: 'own', teamIds: ['t-1'], memberId: 'm-9' } as const;
    expect(inScope(own, { teamId: 't-1', ownerId: 'm-9' })).toBe(true);
    expect(inScope(own, { teamId: 't-1', ownerId: 'm-8' })).toBe(false);
    expect(inScope({ kind: 'none', teamIds: [], memberId: null }, { teamId: 't-1' })).toBe(false);
  });
});

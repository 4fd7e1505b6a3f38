import type { IdentityClaims } from '@salesops/rpc';

import { accountAccess, accountReach, type AccountSubject } from './account-access';

const identity = (
  roles: IdentityClaims['caller']['roles'],
  scope: IdentityClaims['scope'],
  permissions: IdentityClaims['permissions'] = ['users:manage'],
  memberId: string | null = null,
): IdentityClaims => ({
  caller: { kind: 'user', id: 'u-caller', memberId, teamId: null, roles },
  permissions,
  scope,
});

const company = { kind: 'company', teamIds: [], memberId: null } as const;
const admin = identity(['admin'], { kind: 'none', teamIds: [], memberId: null });
const hr = identity(['hr'], company, ['users:manage'], 'm-hr');
/** HR whose reach were one subtree: the rule is the reach, whatever it is. */
const hrOfEast = identity(['hr'], { kind: 'subtree', teamIds: ['t-east'], memberId: 'm-hr' });

const account = (over: Partial<AccountSubject> = {}): AccountSubject => ({
  id: 'u-1',
  memberId: 'm-1',
  teamId: 't-east',
  roles: ['sales_rep'],
  ...over,
});

describe('accountAccess', () => {
  it('lets an administrator see and manage any account, and grant roles', () => {
    for (const action of ['read', 'manage', 'grant'] as const) {
      expect(accountAccess(admin, account({ roles: ['director'] }), action)).toBe('allowed');
      expect(accountAccess(admin, account({ memberId: null, teamId: null }), action)).toBe(
        'allowed',
      );
    }
  });

  it('shows HR only the accounts of members in its reach; the others do not exist for it', () => {
    expect(accountAccess(hrOfEast, account(), 'read')).toBe('allowed');
    expect(accountAccess(hrOfEast, account(), 'manage')).toBe('allowed');
    expect(accountAccess(hrOfEast, account({ teamId: 't-west' }), 'read')).toBe('not-found');
    expect(accountAccess(hrOfEast, account({ teamId: 't-west' }), 'manage')).toBe('not-found');
    expect(accountAccess(hr, account({ memberId: null, teamId: null }), 'read')).toBe('not-found');
  });

  it('lets HR manage accounts below a manager, never grant', () => {
    expect(accountAccess(hr, account({ roles: ['team_leader'] }), 'manage')).toBe('allowed');
    expect(accountAccess(hr, account({ roles: ['manager'] }), 'manage')).toBe('above-authority');
    expect(accountAccess(hr, account({ roles: ['sales_rep', 'admin'] }), 'manage')).toBe(
      'above-authority',
    );
    expect(accountAccess(hr, account(), 'grant')).toBe('above-authority');
  });

  it('lets nobody manage or grant to their own account, or make one for their own member', () => {
    expect(accountAccess(admin, account({ id: 'u-caller', roles: ['admin'] }), 'grant')).toBe(
      'self',
    );
    expect(accountAccess(admin, account({ id: 'u-caller' }), 'manage')).toBe('self');
    expect(accountAccess(hr, account({ id: null, memberId: 'm-hr' }), 'manage')).toBe('self');
  });

  it('shows nothing to a caller without users:manage', () => {
    const leader = identity(
      ['team_leader'],
      { kind: 'subtree', teamIds: ['t-east'], memberId: null },
      ['members:read'],
    );
    expect(accountAccess(leader, account(), 'read')).toBe('not-found');
  });

  it('lists for each caller the accounts it may read', () => {
    expect(accountReach(admin)).toEqual({ kind: 'all' });
    expect(accountReach(hr)).toEqual({ kind: 'members' });
    expect(accountReach(hrOfEast)).toEqual({ kind: 'teams', teamIds: ['t-east'] });
    const rep = identity(['sales_rep'], { kind: 'own', teamIds: ['t-east'], memberId: 'm-1' });
    expect(accountReach(rep)).toEqual({ kind: 'teams', teamIds: [] });
  });
});

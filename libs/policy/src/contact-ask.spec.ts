import { contactOptionsOf, listContactOptionsOf } from './contact-ask';
import { type ScopeKind } from './data-scope';
import type { Role } from './roles';

const subjectOf = (role: Role, kind: ScopeKind, teamIds: string[] = ['t-1']) => ({
  caller: { roles: [role], memberId: 'm-9', teamId: 't-1' },
  scope: { kind, teamIds, memberId: 'm-9' },
});

const leader = subjectOf('team_leader', 'subtree');
const hr = subjectOf('hr', 'company');
const rep = subjectOf('sales_rep', 'own');

describe('contactOptionsOf (one record)', () => {
  const theirs = { teamId: 't-1', ownerId: 'm-1' };
  const elsewhere = { teamId: 't-7', ownerId: 'm-1' };

  it('shows the record as the policy does unless masked is asked', () => {
    expect(contactOptionsOf('member', hr, theirs, undefined)).toEqual({ maskContact: false });
    expect(contactOptionsOf('customer', leader, theirs, 'masked')).toEqual({ maskContact: true });
  });

  it('gives clear where the policy allows it for this record', () => {
    expect(contactOptionsOf('member', leader, theirs, 'clear')).toEqual({ maskContact: false });
    expect(contactOptionsOf('customer', rep, { teamId: 't-3', ownerId: 'm-9' }, 'clear')).toEqual({
      maskContact: false,
    });
  });

  it('refuses clear where it is not allowed, rather than masking', () => {
    expect(contactOptionsOf('member', hr, theirs, 'clear')).toBeNull();
    expect(contactOptionsOf('customer', leader, elsewhere, 'clear')).toBeNull();
    expect(
      contactOptionsOf('application', rep, { teamId: 't-1', ownerId: null }, 'clear'),
    ).toBeNull();
  });
});

describe('listContactOptionsOf (a list)', () => {
  it.each(['member', 'application', 'customer'] as const)(
    'gives %s lists in clear to a leader and a rep (their own)',
    (resource) => {
      expect(listContactOptionsOf(resource, leader, 'clear')).toEqual({ maskContact: false });
      expect(listContactOptionsOf(resource, rep, 'clear')).toEqual({ maskContact: false });
    },
  );

  it.each([
    ['hr', hr],
    ['finance', subjectOf('finance', 'company')],
    ['operations', subjectOf('operations', 'team')],
  ])('refuses %s a list in clear, rather than masking it', (_who, subject) => {
    expect(listContactOptionsOf('member', subject, 'clear')).toBeNull();
    expect(listContactOptionsOf('customer', subject, 'clear')).toBeNull();
  });

  it('masks only when asked, and refuses nobody what they did not ask', () => {
    expect(listContactOptionsOf('member', hr, 'masked')).toEqual({ maskContact: true });
    expect(listContactOptionsOf('member', hr, undefined)).toEqual({ maskContact: false });
  });
});

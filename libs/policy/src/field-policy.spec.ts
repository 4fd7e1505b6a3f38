import {
  contactFieldsInClear,
  hiddenFields,
  mayReadContactInClear,
  present,
  queryViewerOf,
  type Viewer,
  viewerOf,
  visibilityOf,
} from './field-policy';
import type { Role } from './roles';

const member = {
  id: 'm-1',
  name: 'Huang Li',
  phone: '13812345678',
  email: 'huang.li@example.com',
  wechatId: 'wx_huangli9',
  teamId: 't-1',
};

const viewer = (role: Role, relation: Partial<Omit<Viewer, 'roles'>> = {}): Viewer => ({
  roles: [role],
  isOwner: false,
  inScope: false,
  sameTeam: false,
  ...relation,
});

const MASKED = { phone: '138****5678', email: 'h***@example.com', wechatId: 'w***9' };
const CLEAR = { phone: member.phone, email: member.email, wechatId: member.wechatId };

describe('contact fields of a member, by viewer', () => {
  it.each<[string, Viewer, typeof CLEAR]>([
    [
      'the member themself',
      viewer('sales_rep', { isOwner: true, inScope: true, sameTeam: true }),
      CLEAR,
    ],
    ['a director', viewer('director', { inScope: true }), CLEAR],
    ['a manager in scope', viewer('manager', { inScope: true }), CLEAR],
    ['a manager out of scope', viewer('manager'), MASKED],
    ['a team leader in scope', viewer('team_leader', { inScope: true, sameTeam: true }), CLEAR],
    ['a vice leader in scope', viewer('vice_leader', { inScope: true, sameTeam: true }), CLEAR],
    [
      'customer service of the team',
      viewer('customer_service', { inScope: true, sameTeam: true }),
      CLEAR,
    ],
    ['customer service of another team', viewer('customer_service', { inScope: true }), MASKED],
    ['another sales rep', viewer('sales_rep', { sameTeam: true }), MASKED],
    ['operations of the team', viewer('operations', { inScope: true, sameTeam: true }), MASKED],
    ['hr', viewer('hr', { inScope: true }), MASKED],
    ['finance', viewer('finance', { inScope: true }), MASKED],
    ['a trainer', viewer('trainer', { inScope: true }), MASKED],
  ])('%s', (_, who, expected) => {
    expect(present('member', member, who)).toEqual({
      id: 'm-1',
      name: 'Huang Li',
      teamId: 't-1',
      ...expected,
    });
  });
});

describe('the allowlist', () => {
  it('drops a field without a class for everyone but an administrator', () => {
    const record = { ...member, passwordHash: 'argon2id$...' };
    expect(present('member', record, viewer('director', { inScope: true }))).not.toHaveProperty(
      'passwordHash',
    );
    expect(present('member', record, viewer('admin'))).toHaveProperty('passwordHash');
  });
});

describe('classes other than contact', () => {
  it.each<[string, Role, Partial<Viewer>, 'clear' | 'absent']>([
    ['finance', 'finance', {}, 'clear'],
    ['a director', 'director', {}, 'clear'],
    ['a manager in scope', 'manager', { inScope: true }, 'clear'],
    ['a team leader in scope', 'team_leader', { inScope: true }, 'absent'],
    ['hr', 'hr', {}, 'absent'],
    ['a sales rep who owns it', 'sales_rep', { isOwner: true }, 'absent'],
  ])('financial fields: %s sees them %s', (_, role, relation, expected) => {
    expect(visibilityOf({ class: 'financial' }, viewer(role, relation))).toBe(expected);
  });

  it.each<[string, Role, Partial<Viewer>, boolean, 'clear' | 'absent']>([
    ['hr, money', 'hr', {}, true, 'clear'],
    ['a director, money', 'director', {}, true, 'clear'],
    ['the member themself, money', 'sales_rep', { isOwner: true }, true, 'clear'],
    ['a leader in scope, a score', 'team_leader', { inScope: true }, false, 'clear'],
    ['a leader in scope, money', 'team_leader', { inScope: true }, true, 'absent'],
    ['a manager in scope, who objected', 'manager', { inScope: true }, true, 'absent'],
    ['the member themself, who objected', 'sales_rep', { isOwner: true }, true, 'clear'],
    ['finance, a score', 'finance', {}, false, 'absent'],
    ['another rep, a score', 'sales_rep', { sameTeam: true }, false, 'absent'],
  ])('personnel fields: %s', (_, role, relation, hiddenFromLeaders, expected) => {
    expect(visibilityOf({ class: 'personnel', hiddenFromLeaders }, viewer(role, relation))).toBe(
      expected,
    );
  });

  it("shows an interview's score and notes as personnel, who and when to the team", () => {
    const interview = {
      interviewerId: 'm-9',
      at: '2026-12-02T02:00:00.000Z',
      score: 82,
      notes: 'n',
    };
    expect(present('interview', interview, viewer('team_leader', { inScope: true }))).toEqual(
      interview,
    );
    expect(present('interview', interview, viewer('sales_rep', { sameTeam: true }))).toEqual({
      interviewerId: 'm-9',
      at: '2026-12-02T02:00:00.000Z',
    });
  });

  it('never shows a secret, not even to an administrator', () => {
    expect(visibilityOf({ class: 'secret' }, viewer('admin'))).toBe('absent');
    expect(visibilityOf({ class: 'secret' }, viewer('director', { isOwner: true }))).toBe('absent');
  });
});

describe('hiddenFields', () => {
  it('lists the fields a viewer may not filter or sort by', () => {
    expect(hiddenFields('member', viewer('hr', { inScope: true })).sort()).toEqual([
      'email',
      'phone',
      'wechatId',
    ]);
    expect(hiddenFields('member', viewer('director', { inScope: true }))).toEqual([]);
  });
});

describe('masked lists', () => {
  it('masks contact fields for a viewer who asked for them masked, even one who may see them', () => {
    const shown = present(
      'member',
      member,
      viewer('director', { inScope: true, maskContact: true }),
    );
    expect(shown).toMatchObject(MASKED);
  });
});

describe('viewerOf', () => {
  const leader = {
    caller: { roles: ['team_leader'] as Role[], memberId: 'm-9', teamId: 't-1' },
    scope: { kind: 'subtree' as const, teamIds: ['t-1', 't-2'], memberId: 'm-9' },
  };

  it('derives ownership, scope and team from the caller and the record', () => {
    expect(viewerOf(leader, { teamId: 't-2', ownerId: 'm-1' })).toEqual({
      roles: ['team_leader'],
      isOwner: false,
      inScope: true,
      sameTeam: false,
      maskContact: false,
    });
    expect(viewerOf(leader, { teamId: 't-1', ownerId: 'm-9' }, { maskContact: true })).toEqual({
      roles: ['team_leader'],
      isOwner: true,
      inScope: true,
      sameTeam: true,
      maskContact: true,
    });
    expect(viewerOf(leader, { teamId: 't-3', ownerId: 'm-1' }).inScope).toBe(false);
  });

  it('judges queries as over records in scope that are neither theirs nor of their team', () => {
    expect(queryViewerOf(leader)).toEqual({
      roles: ['team_leader'],
      isOwner: false,
      inScope: true,
      sameTeam: false,
    });
  });
});

describe('contactFieldsInClear', () => {
  it('names the contact fields a record was shown with in clear', () => {
    expect(
      contactFieldsInClear('member', present('member', member, viewer('director'))).sort(),
    ).toEqual(['email', 'phone', 'wechatId']);
    expect(contactFieldsInClear('member', { ...member, email: null })).toEqual([
      'phone',
      'wechatId',
    ]);
  });

  it('names none of a record shown masked or without contact fields', () => {
    expect(contactFieldsInClear('member', present('member', member, viewer('hr')))).toEqual([]);
    expect(
      contactFieldsInClear(
        'member',
        present('member', member, viewer('director', { inScope: true, maskContact: true })),
      ),
    ).toEqual([]);
    expect(contactFieldsInClear('team', { id: 't-1', name: 'East' })).toEqual([]);
  });
});

describe('mayReadContactInClear (one record asked for with contact=clear)', () => {
  it.each([
    ['the owner', viewer('sales_rep', { isOwner: true })],
    ['a leader in scope', viewer('team_leader', { inScope: true })],
    ['customer service of the team', viewer('customer_service', { sameTeam: true })],
    ['the director', viewer('director')],
  ])('lets %s have it', (_who, asking) => {
    expect(mayReadContactInClear('customer', asking)).toBe(true);
    expect(mayReadContactInClear('member', asking)).toBe(true);
  });

  it.each([
    ['finance', viewer('finance', { inScope: true })],
    ['hr', viewer('hr', { inScope: true, sameTeam: true })],
    ['another rep of the team', viewer('sales_rep', { inScope: true, sameTeam: true })],
    ['a leader out of scope', viewer('team_leader')],
  ])('refuses %s (no masked answer in its place)', (_who, asking) => {
    expect(mayReadContactInClear('customer', asking)).toBe(false);
  });

  it('is not swayed by a list that masks what it may read', () => {
    expect(mayReadContactInClear('member', viewer('director', { maskContact: true }))).toBe(true);
  });
});

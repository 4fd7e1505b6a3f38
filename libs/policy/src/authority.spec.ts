import {
  AUTHORITY_RULES,
  type AuthorityAction,
  authorityCheck,
  type AuthorityRequest,
  rankOf,
} from './authority';
import { ROLES, type Role } from './roles';

const POSITIONS = ROLES.filter((role) => role !== 'admin');
const REPS = ['sales_rep', 'customer_service', 'operations'];
const GRANTED = ['hr', 'finance', 'trainer'];
const HIERARCHY = [...REPS, 'vice_leader', 'team_leader', 'manager', 'director'];

/** The positions each role hires into, and acts on where an action asks for a member below. */
const BELOW: Record<Role, string[]> = {
  director: [...HIERARCHY, ...GRANTED],
  manager: [...REPS, 'vice_leader', 'team_leader'],
  hr: [...REPS, 'vice_leader', 'team_leader'],
  team_leader: [...REPS, 'vice_leader'],
  vice_leader: REPS,
  sales_rep: [],
  customer_service: [],
  operations: [],
  finance: [],
  trainer: [],
  admin: [],
};
/** Actions on a member who must stand below the caller. */
const ON_SOMEONE_BELOW: AuthorityAction[] = ['transfer', 'depart', 'sanction'];
/**
 * The positions each role is the direct leader of: it alone assesses their promotions (hr ranks
 * as a manager; it has no promotions:assess).
 */
const LEADS_DIRECTLY: Partial<Record<Role, string[]>> = {
  team_leader: [...REPS, 'vice_leader'],
  manager: ['team_leader'],
  hr: ['team_leader'],
  director: ['manager', ...GRANTED],
};
const ACTIONS = Object.keys(AUTHORITY_RULES) as AuthorityAction[];
const ON_A_MEMBER = ACTIONS.filter((action) => action !== 'hire');

const ME = 'member-me';
const check = (
  roles: Role[],
  action: AuthorityAction,
  target: AuthorityRequest['target'],
  sets?: string[],
) => authorityCheck({ caller: { kind: 'user', roles, memberId: ME }, action, target, sets });

describe('authority', () => {
  describe('role × action × target position × self/other', () => {
    const cases = ROLES.flatMap((role) => ON_A_MEMBER.map((action) => [role, action] as const));

    it.each(cases)('%s, %s', (role, action) => {
      for (const position of POSITIONS) {
        for (const self of [true, false]) {
          const expected = self
            ? 'SELF_DECISION'
            : ON_SOMEONE_BELOW.includes(action) && !BELOW[role].includes(position)
              ? 'ABOVE_OWN_AUTHORITY'
              : action === 'assess-promotion' && !LEADS_DIRECTLY[role]?.includes(position)
                ? 'FORBIDDEN'
                : null;
          const target = { memberId: self ? ME : 'member-other', position };
          const got = check([role], action, target);
          expect({ position, self, got }).toEqual({ position, self, got: expected });
        }
      }
    });
  });

  describe('setting a position', () => {
    const cases = ROLES.flatMap((role) =>
      (['hire', 'transfer'] as const).map((action) => [role, action] as const),
    );

    // A transfer moves a rep, whom every rank above rep may act on.
    it.each(cases)('%s, %s', (role, action) => {
      for (const position of POSITIONS) {
        const allowed =
          BELOW[role].includes(position) && !(action === 'transfer' && GRANTED.includes(position));
        const target = action === 'hire' ? null : { memberId: 'member-rep', position: 'sales_rep' };
        const got = check([role], action, target, [position]);
        expect({ position, got }).toEqual({
          position,
          got: allowed ? null : 'ABOVE_OWN_AUTHORITY',
        });
      }
    });

    it('refuses a leader who makes themself director as above their authority', () => {
      const self = { memberId: ME, position: 'team_leader' };
      expect(check(['team_leader'], 'transfer', self, ['director'])).toBe('ABOVE_OWN_AUTHORITY');
      expect(check(['team_leader'], 'transfer', self, ['sales_rep'])).toBe('SELF_DECISION');
    });

    it('lets a director set director and manager, and nobody else', () => {
      for (const role of ROLES) {
        const allowed = check([role], 'hire', null, ['manager']) === null;
        expect({ role, allowed }).toEqual({ role, allowed: role === 'director' });
        expect(check([role], 'hire', null, ['director']) === null).toBe(role === 'director');
      }
    });
  });

  describe('setting a level', () => {
    it.each([
      ['manager', 'senior_sales_rep', null],
      ['manager', 'principal_sales_rep', null],
      ['manager', 'supervisor', null],
      ['manager', 'manager', 'ABOVE_OWN_AUTHORITY'],
      ['manager', 'director', 'ABOVE_OWN_AUTHORITY'],
      ['director', 'manager', null],
      ['director', 'director', null],
      ['team_leader', 'senior_customer_service', null],
      ['team_leader', 'principal_operations', 'ABOVE_OWN_AUTHORITY'],
      ['team_leader', 'team_leader', 'ABOVE_OWN_AUTHORITY'],
      ['vice_leader', 'senior_sales_rep', 'ABOVE_OWN_AUTHORITY'],
      ['hr', 'supervisor', null],
      ['hr', 'manager', 'ABOVE_OWN_AUTHORITY'],
    ] as const)('%s deciding a promotion to %s: %s', (role, level, expected) => {
      const target = { memberId: 'member-other', position: 'sales_rep' };
      expect(check([role], 'decide-promotion', target, [level])).toBe(expected);
    });

    it('checks both the position and the level of a hire', () => {
      expect(check(['team_leader'], 'hire', null, ['sales_rep', 'senior_sales_rep'])).toBeNull();
      expect(check(['team_leader'], 'hire', null, ['sales_rep', 'manager'])).toBe(
        'ABOVE_OWN_AUTHORITY',
      );
    });

    it('refuses a name it does not know', () => {
      expect(check(['director'], 'hire', null, ['chairman'])).toBe('ABOVE_OWN_AUTHORITY');
    });
  });

  it("lets only the applicant's direct leader assess a promotion, not a leader above them", () => {
    const rep = { memberId: 'member-rep', position: 'sales_rep' };
    const leader = { memberId: 'member-leader', position: 'team_leader' };
    expect(check(['team_leader'], 'assess-promotion', rep)).toBeNull();
    expect(check(['manager'], 'assess-promotion', rep)).toBe('FORBIDDEN');
    expect(check(['director'], 'assess-promotion', rep)).toBe('FORBIDDEN');
    expect(check(['manager'], 'assess-promotion', leader)).toBeNull();
    expect(check(['team_leader'], 'assess-promotion', leader)).toBe('FORBIDDEN');
  });

  it('takes the highest of several roles', () => {
    expect(rankOf(['sales_rep', 'team_leader'])).toBe('team_leader');
    expect(rankOf(['finance', 'trainer'])).toBeNull();
    expect(check(['sales_rep', 'team_leader'], 'hire', null, ['vice_leader'])).toBeNull();
  });

  it('bounds an API key like anyone without a rank, and a process acting in its own name not at all', () => {
    const target = { memberId: 'member-other', position: 'sales_rep' };
    const as = (kind: 'api_key' | 'system') =>
      authorityCheck({
        caller: { kind, roles: [], memberId: null },
        action: 'transfer',
        target,
        sets: ['director'],
      });
    expect(as('api_key')).toBe('ABOVE_OWN_AUTHORITY');
    expect(as('system')).toBeNull();
  });
});

import type { Role } from './roles';

/** The hierarchy positions and levels are set within, lowest first. */
export const RANKS = ['rep', 'vice_leader', 'team_leader', 'manager', 'director'] as const;
export type Rank = (typeof RANKS)[number];

/**
 * How high each role reaches when it sets a position or a level: only below it (a director sets
 * all). HR hires and moves people like a manager; the other granted roles set none.
 */
export const ROLE_RANK: Record<Role, Rank | null> = {
  director: 'director',
  manager: 'manager',
  hr: 'manager',
  team_leader: 'team_leader',
  vice_leader: 'vice_leader',
  sales_rep: 'rep',
  customer_service: 'rep',
  operations: 'rep',
  finance: null,
  trainer: null,
  admin: null,
};

/**
 * Where each position and level stands. `granted` (HR, finance, trainer) is outside the
 * hierarchy: a director hires into it, and no transfer reaches it.
 */
export const STANDING: Record<string, Rank | 'granted'> = {
  sales_rep: 'rep',
  customer_service: 'rep',
  operations: 'rep',
  senior_sales_rep: 'vice_leader',
  senior_customer_service: 'vice_leader',
  senior_operations: 'vice_leader',
  vice_leader: 'vice_leader',
  principal_sales_rep: 'team_leader',
  principal_customer_service: 'team_leader',
  principal_operations: 'team_leader',
  team_leader: 'team_leader',
  supervisor: 'team_leader',
  manager: 'manager',
  director: 'director',
  hr: 'granted',
  finance: 'granted',
  trainer: 'granted',
};

/** What the rule below decides, on a member (or, for a hire, on a member to be). */
export type AuthorityAction =
  | 'hire'
  | 'transfer'
  | 'review-probation'
  | 'suspend'
  | 'reinstate'
  | 'depart'
  | 'commend'
  | 'sanction'
  | 'decide-sanction'
  | 'assess-promotion'
  | 'decide-promotion'
  | 'finalize-promotion';

interface ActionRule {
  /** The member it is about may not be the caller. */
  notSelf: boolean;
  /** The member's current position must stand below the caller. */
  targetBelow: boolean;
  /** A granted position may be set this way (by a director). */
  setsGranted: boolean;
  /** Only the member's direct leader acts: the caller's rank is `DIRECT_LEADER` of theirs. */
  directLeader?: true;
}

/**
 * The rank of a member's direct leader (domain.md §1 "the direct leader scores"; seed 000 "上级主管"):
 * a rep's or a vice leader's is the team leader, a team leader's the manager, a manager's the
 * director.
 */
export const DIRECT_LEADER: Record<Rank | 'granted', Rank | null> = {
  rep: 'team_leader',
  vice_leader: 'team_leader',
  team_leader: 'manager',
  manager: 'director',
  director: null,
  granted: 'director',
};

/** The one table: what each action asks of the caller besides its permission. */
export const AUTHORITY_RULES: Record<AuthorityAction, ActionRule> = {
  hire: { notSelf: false, targetBelow: false, setsGranted: true },
  transfer: { notSelf: true, targetBelow: true, setsGranted: false },
  'review-probation': { notSelf: true, targetBelow: false, setsGranted: false },
  suspend: { notSelf: true, targetBelow: false, setsGranted: false },
  reinstate: { notSelf: true, targetBelow: false, setsGranted: false },
  depart: { notSelf: true, targetBelow: true, setsGranted: false },
  commend: { notSelf: true, targetBelow: false, setsGranted: false },
  sanction: { notSelf: true, targetBelow: true, setsGranted: false },
  'decide-sanction': { notSelf: true, targetBelow: false, setsGranted: false },
  'assess-promotion': { notSelf: true, targetBelow: false, setsGranted: false, directLeader: true },
  'decide-promotion': { notSelf: true, targetBelow: false, setsGranted: false },
  'finalize-promotion': { notSelf: true, targetBelow: false, setsGranted: false },
};

export type AuthorityRefusal = 'SELF_DECISION' | 'ABOVE_OWN_AUTHORITY' | 'FORBIDDEN';

export interface AuthorityRequest {
  caller: {
    /** A process acting in its own name (the demo seed) is no person in the hierarchy. */
    kind: 'user' | 'api_key' | 'system';
    roles: readonly Role[];
    memberId: string | null;
  };
  action: AuthorityAction;
  /** The member it is about, as they stand now; none for a hire. */
  target: { memberId: string; position: string } | null;
  /** The position or level the action sets, if any. */
  sets?: readonly string[];
}

const rankIndex = (rank: Rank) => RANKS.indexOf(rank);

/** The caller's highest rank: where their authority to set positions and levels ends. */
export function rankOf(roles: readonly Role[]): Rank | null {
  return roles.reduce<Rank | null>((highest, role) => {
    const rank = ROLE_RANK[role];
    return rank !== null && (highest === null || rankIndex(rank) > rankIndex(highest))
      ? rank
      : highest;
  }, null);
}

/**
 * Whether a position or level stands below a caller of this rank; a granted one stands below a
 * director only where `granted` allows it.
 */
function standsBelow(below: Rank | null, name: string, granted: boolean): boolean {
  if (below === null) return false;
  const standing = STANDING[name];
  if (standing === undefined) return false;
  if (below === 'director') return standing !== 'granted' || granted;
  return standing !== 'granted' && rankIndex(standing) < rankIndex(below);
}

function leadsDirectly(rank: Rank | null, position: string): boolean {
  const standing = STANDING[position];
  return rank !== null && standing !== undefined && DIRECT_LEADER[standing] === rank;
}

/**
 * The one rule: a caller sets positions and levels only below their own highest rank (a director
 * sets every one, and hires into the granted ones), acts only on members below them (or only as
 * their direct leader) where the action says so, and never decides a matter about themself.
 * `null` when allowed.
 */
export function authorityCheck(request: AuthorityRequest): AuthorityRefusal | null {
  const { caller, action, target, sets = [] } = request;
  if (caller.kind === 'system') return null;
  const rule = AUTHORITY_RULES[action];
  const rank = rankOf(caller.roles);
  if (sets.some((name) => !standsBelow(rank, name, rule.setsGranted))) return 'ABOVE_OWN_AUTHORITY';
  if (rule.notSelf && target !== null && caller.memberId === target.memberId) {
    return 'SELF_DECISION';
  }
  if (rule.targetBelow && target !== null && !standsBelow(rank, target.position, true)) {
    return 'ABOVE_OWN_AUTHORITY';
  }
  if (rule.directLeader && target !== null && !leadsDirectly(rank, target.position)) {
    return 'FORBIDDEN';
  }
  return null;
}

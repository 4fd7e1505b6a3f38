/**
 * Who may call which route, written by hand from security.md ("Roles and data scope"), api.md
 * (routes) and domain.md (who decides what), with the issues that overrule them, and never from
 * the policy library: the route × role matrix compares the running gateway with this table, so
 * a wrong permission in `ROLE_PERMISSIONS` or on a contract shows up as a difference.
 */

/** The roles of security.md's table, spelled out here rather than imported. */
export const SPEC_ROLES = [
  'admin',
  'director',
  'manager',
  'team_leader',
  'vice_leader',
  'sales_rep',
  'customer_service',
  'operations',
  'hr',
  'finance',
  'trainer',
] as const;
export type SpecRole = (typeof SPEC_ROLES)[number];

/** Every signed-in user. */
const ALL = SPEC_ROLES;
/** Every member of staff: everyone but the administrator, who sees "no business data". */
const STAFF = SPEC_ROLES.filter((role) => role !== 'admin');
/** Leaders and above: act on "their team's members … approvals" (security.md). */
const LEADERS = ['director', 'manager', 'team_leader', 'vice_leader'] as const;
/** "hr: members, recruitment, promotions, sanctions, appraisals, payouts". */
const PEOPLE = [...LEADERS, 'hr'] as const;
/**
 * Who acts on customers: security.md:26-30 (director everything; manager, the leaders, sales_rep
 * their own, customer_service "customers and complaints of their team"). hr has "no customer
 * data" (:32); operations (:31), trainer (:34) and admin (:25) none.
 */
const CUSTOMER_HANDS = [...LEADERS, 'sales_rep', 'customer_service'] as const;
/** security.md:33: finance reads customers, "customers masked", and acts on none. */
const CUSTOMER_READERS = [...CUSTOMER_HANDS, 'finance'] as const;
/** Who acts on orders: security.md:26-29 (director, manager, the leaders, sales_rep their own). */
const SELLERS = [...LEADERS, 'sales_rep'] as const;
/**
 * Who reads orders: the sellers, operations for fulfilment (security.md:31), finance (:33), and
 * customer service, whom security.md:30 does not name but who follow their team's orders and
 * answer customers on them (seed 001 §2.4, §3.3) and receive complaints about an order (api.md).
 */
const ORDER_READERS = [...SELLERS, 'customer_service', 'operations', 'finance'] as const;
/** Who writes courses, sessions and assessments and grades them: security.md:34, the director. */
const TRAINERS = ['director', 'trainer'] as const;
/**
 * Who reads performance: security.md:26-33 (director, manager "performance of their department",
 * the leaders' team, a rep their own, hr "appraisals", finance "profit, commissions"); customer
 * service, operations and the trainer are not named.
 */
const PERFORMANCE_READERS = [...SELLERS, 'hr', 'finance'] as const;

/**
 * Who consumes events outside the bus: "HR, finance and management" (issue 17, events.md
 * "Departments outside the bus"): the director, managers, hr and finance.
 */
const DEPARTMENTS = ['director', 'manager', 'hr', 'finance'] as const;
const WEBHOOKS_SOURCE =
  'issue 17: webhooks are owned by a user with webhooks:manage (HR, finance, management) or a key with it';

export interface RouteExpectation {
  /** Roles let through the access check; every other role gets 403. */
  roles: readonly SpecRole[];
  /** Whether an API key with the scopes `members:read` and `teams:read` is let through. */
  readKey: boolean;
  /** Where the rule comes from. */
  source: string;
}

const read = (roles: readonly SpecRole[], source: string): RouteExpectation => ({
  roles,
  readKey: true,
  source,
});
const act = (roles: readonly SpecRole[], source: string): RouteExpectation => ({
  roles,
  readKey: false,
  source,
});

/** Keyed `METHOD /path/{param}` as the API document spells them. */
export const ROUTE_EXPECTATIONS: Record<string, RouteExpectation> = {
  'GET /api/v1/auth/me': read(ALL, 'api.md Sessions: the user, roles and scope'),
  'POST /api/v1/auth/mfa/setup': act(ALL, 'issue 3: any user can enable MFA; not an API key'),
  'POST /api/v1/auth/mfa/enable': act(ALL, 'issue 3: any user can enable MFA; not an API key'),
  'POST /api/v1/auth/mfa/disable': act(ALL, 'issue 3: any user; not an API key'),
  'POST /api/v1/auth/logout': act(ALL, 'api.md Sessions: logout revokes the session'),

  'GET /api/v1/audit-events': act(
    ['admin', 'director'],
    'security.md: the trail is readable by admin and director',
  ),
  'GET /api/v1/webhooks': act(DEPARTMENTS, WEBHOOKS_SOURCE),
  'POST /api/v1/webhooks': act(DEPARTMENTS, WEBHOOKS_SOURCE),
  'GET /api/v1/webhooks/{id}': act(DEPARTMENTS, WEBHOOKS_SOURCE),
  'DELETE /api/v1/webhooks/{id}': act(DEPARTMENTS, WEBHOOKS_SOURCE),
  'POST /api/v1/webhooks/{id}/enable': act(DEPARTMENTS, WEBHOOKS_SOURCE),
  'GET /api/v1/webhooks/{id}/deliveries': act(DEPARTMENTS, WEBHOOKS_SOURCE),
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': act(DEPARTMENTS, WEBHOOKS_SOURCE),
  'GET /api/v1/events/stream': act(
    DEPARTMENTS,
    'issue 17: the event stream for callers with events:subscribe (a key needs that scope)',
  ),
  'GET /api/v1/api-keys': act(['admin'], 'security.md: API keys are owned by an administrator'),
  'POST /api/v1/api-keys': act(['admin'], 'security.md: API keys are owned by an administrator'),
  'GET /api/v1/api-keys/{id}': act(
    ['admin'],
    'security.md: API keys are owned by an administrator',
  ),
  'DELETE /api/v1/api-keys/{id}': act(['admin'], 'security.md: admin manages API keys'),

  'GET /api/v1/users': act(['admin', 'hr'], 'issue 9: users:manage is admin, and HR in reach'),
  'POST /api/v1/users': act(['admin', 'hr'], 'issue 9'),
  'GET /api/v1/users/{id}': act(['admin', 'hr'], 'issue 9'),
  'PATCH /api/v1/users/{id}': act(['admin', 'hr'], 'issue 9'),
  'POST /api/v1/users/{id}/disable': act(['admin', 'hr'], 'issue 9'),
  'POST /api/v1/users/{id}/reset': act(['admin', 'hr'], 'issue 9'),

  'GET /api/v1/teams': read(ALL, 'security.md: admin has configuration; staff see their team'),
  'GET /api/v1/teams/{id}': read(ALL, 'as GET /teams'),
  'POST /api/v1/teams': act(
    ['admin', 'director', 'manager'],
    'security.md: admin configures; director everything; manager their department',
  ),
  'PATCH /api/v1/teams/{id}': act(['admin', 'director', 'manager'], 'as POST /teams'),
  'GET /api/v1/teams/{id}/members': read(STAFF, 'members are business data: not admin'),

  'GET /api/v1/members': read(STAFF, 'every role reads members in its scope; admin none'),
  'GET /api/v1/members/{id}': read(STAFF, 'as GET /members'),
  'GET /api/v1/members/{id}/placements': read(STAFF, 'as GET /members'),
  'GET /api/v1/members/{id}/records': read(STAFF, 'rows in scope; amounts masked by class'),
  'POST /api/v1/members': act(
    PEOPLE,
    'security.md: leaders, managers, director, hr act on members',
  ),
  'PATCH /api/v1/members/{id}': act(PEOPLE, 'as POST /members'),
  'POST /api/v1/members/{id}/transfer': act(PEOPLE, 'as POST /members (issue 9 bounds the target)'),
  'POST /api/v1/members/{id}/depart': act(PEOPLE, 'as POST /members'),
  'GET /api/v1/members/{id}/probation-checkpoint': act(
    ['director', 'manager', 'team_leader', 'vice_leader'],
    'domain.md: the leader records the review; security.md gives both leaders "approvals"',
  ),
  'POST /api/v1/members/{id}/probation-review': act(
    ['director', 'manager', 'team_leader', 'vice_leader'],
    'as the checkpoint',
  ),
  'POST /api/v1/members/{id}/suspend': act(['hr'], 'domain.md: suspended is set and lifted by HR'),
  'POST /api/v1/members/{id}/reinstate': act(['hr'], 'domain.md: set and lifted by HR'),

  'GET /api/v1/applications': act(PEOPLE, 'security.md: hr recruitment; issue 4: a leader hires'),
  'GET /api/v1/applications/{id}': act(PEOPLE, 'as GET /applications'),
  'POST /api/v1/applications': act(PEOPLE, 'as GET /applications'),
  'POST /api/v1/applications/{id}/screen': act(PEOPLE, 'as GET /applications'),
  'POST /api/v1/applications/{id}/schedule-interview': act(PEOPLE, 'as GET /applications'),
  'POST /api/v1/applications/{id}/record-interview': act(PEOPLE, 'as GET /applications'),
  'POST /api/v1/applications/{id}/hire': act(PEOPLE, 'as GET /applications'),
  'POST /api/v1/applications/{id}/reject': act(PEOPLE, 'as GET /applications'),

  'GET /api/v1/promotions': read(STAFF, 'rows in scope'),
  'GET /api/v1/promotions/{id}': read(STAFF, 'rows in scope'),
  'POST /api/v1/promotions': act(STAFF, 'domain.md: the member (or their leader) applies'),
  'POST /api/v1/promotions/{id}/assess': act(
    ['director', 'manager', 'team_leader'],
    "domain.md: the applicant's direct leader scores it (a team leader's is a manager, a manager's the director)",
  ),
  'POST /api/v1/promotions/{id}/approve': act(
    ['director', 'manager'],
    'domain.md: a manager or above decides',
  ),
  'POST /api/v1/promotions/{id}/reject': act(['director', 'manager'], 'as approve'),
  'POST /api/v1/promotions/{id}/objections': act(STAFF, 'domain.md: any member may object'),
  'POST /api/v1/promotions/{id}/finalize': act(
    ['director', 'hr'],
    'domain.md: an objection is upheld by HR or a director',
  ),

  'POST /api/v1/members/{id}/commendations': act(PEOPLE, 'domain.md: leaders issue; hr records'),
  'POST /api/v1/members/{id}/sanctions': act(PEOPLE, 'domain.md: a warning by the leader'),
  'POST /api/v1/sanctions/{id}/approve': act(
    ['director', 'manager'],
    'domain.md: a fine or demotion by a manager or above',
  ),
  'POST /api/v1/sanctions/{id}/reject': act(['director', 'manager'], 'as approve'),

  'GET /api/v1/leave-requests': read(STAFF, 'rows in scope: own, or the team for leaders'),
  'POST /api/v1/leave-requests': act(STAFF, 'every member asks for their own leave'),
  'GET /api/v1/leave-requests/{id}': read(STAFF, 'as GET /leave-requests'),
  'POST /api/v1/leave-requests/{id}/approve': act(LEADERS, 'domain.md: approved by the leader'),
  'POST /api/v1/leave-requests/{id}/reject': act(LEADERS, 'domain.md: approved by the leader'),
  'POST /api/v1/leave-requests/{id}/cancel': act(STAFF, 'issue 4: the member cancels their own'),
  'GET /api/v1/meetings': read(STAFF, "the team's meetings"),
  'GET /api/v1/meetings/{id}': read(STAFF, 'as GET /meetings'),
  'POST /api/v1/meetings': act(LEADERS, "domain.md: the team's daily management (its leaders)"),

  'GET /api/v1/me/tasks': act(ALL, "one's own to-do list"),

  'GET /api/v1/customers': act(
    CUSTOMER_READERS,
    'security.md:26-30 customers in scope; :33 finance masked; :32 hr no customer data',
  ),
  'GET /api/v1/customers/{id}': act(CUSTOMER_READERS, 'as GET /customers'),
  'GET /api/v1/customers/{id}/history': act(CUSTOMER_READERS, 'as GET /customers'),
  'GET /api/v1/customers/{id}/follow-ups': act(CUSTOMER_READERS, 'as GET /customers'),
  'POST /api/v1/customers': act(
    CUSTOMER_HANDS,
    'security.md:26-30: director, manager, leaders, reps (own), customer service act on customers',
  ),
  'PATCH /api/v1/customers/{id}': act(CUSTOMER_HANDS, 'as POST /customers'),
  'POST /api/v1/customers/{id}/mark-lost': act(
    CUSTOMER_HANDS,
    'domain.md:79-80 stages; issue 12 §2: lost/dormant from any open stage, by who acts on it',
  ),
  'POST /api/v1/customers/{id}/mark-dormant': act(CUSTOMER_HANDS, 'as mark-lost'),
  'POST /api/v1/customers/{id}/reopen': act(CUSTOMER_HANDS, 'as mark-lost (domain.md:80)'),
  'POST /api/v1/customers/{id}/advance': act(CUSTOMER_HANDS, 'as mark-lost (domain.md:79)'),
  'POST /api/v1/customers/{id}/mark-won': act(
    LEADERS,
    'issue 12 §2: won "never by a rep\'s hand"; until orders announce it "a leader may set it"',
  ),
  'POST /api/v1/customers/{id}/transfer': act(
    LEADERS,
    'domain.md:109 and issue 12 §4: a transfer is by a leader or above',
  ),
  'POST /api/v1/customers/{id}/follow-ups': act(
    CUSTOMER_HANDS,
    'issue 12 §5: the owner, customer service of the team and leaders in reach log them',
  ),
  'GET /api/v1/lead-quota': act(
    CUSTOMER_READERS,
    'domain.md:84-85: a rep sees their line, a leader the report; the spec names no other ' +
      "reader: it counts customers the reader already reads in its scope, so customers:read's",
  ),
  'POST /api/v1/customers/import': act(
    CUSTOMER_HANDS,
    'domain.md:117 and issue 12 §7: an import registers customers, as POST /customers',
  ),
  'GET /api/v1/customers/imports/{id}': act(CUSTOMER_HANDS, 'as POST /customers/import'),
  'GET /api/v1/customers/export': act(
    LEADERS,
    'security.md:62-63: exporting needs customers:export (leaders and above)',
  ),

  'GET /api/v1/complaints': act(
    CUSTOMER_READERS,
    'security.md:30 customer service reads complaints of their team; as GET /customers otherwise',
  ),
  'GET /api/v1/complaints/{id}': act(CUSTOMER_READERS, 'as GET /complaints'),
  'GET /api/v1/complaints/report': act(
    CUSTOMER_READERS,
    'issue 14 §4: the root-cause report, for who reads complaints (in their reach)',
  ),
  'POST /api/v1/complaints': act(
    CUSTOMER_HANDS,
    'security.md:30 customer service handles complaints; who acts on the customer receives one',
  ),
  'POST /api/v1/complaints/{id}/acknowledge': act(CUSTOMER_HANDS, 'as POST /complaints'),
  'POST /api/v1/complaints/{id}/investigate': act(CUSTOMER_HANDS, 'as POST /complaints'),
  'POST /api/v1/complaints/{id}/resolve': act(CUSTOMER_HANDS, 'as POST /complaints'),
  'POST /api/v1/complaints/{id}/close': act(CUSTOMER_HANDS, 'as POST /complaints'),
  'POST /api/v1/complaints/{id}/reopen': act(CUSTOMER_HANDS, 'as POST /complaints'),
  'GET /api/v1/revisits': act(CUSTOMER_READERS, 'as GET /customers (issue 14 §2)'),
  'POST /api/v1/revisits/{id}/complete': act(
    CUSTOMER_HANDS,
    'issue 14 §2: who acts on the customer completes its revisit',
  ),
  'GET /api/v1/pool': act(
    CUSTOMER_READERS,
    "issue 14 §5: the team's pool is read as its customers are (reps their team's, masked)",
  ),
  'GET /api/v1/pool/report': act(
    CUSTOMER_READERS,
    'issue 14 §5: the pool report, under customers:read as GET /lead-quota (a rep: their line)',
  ),
  'POST /api/v1/pool/{customerId}/claim': act(
    CUSTOMER_HANDS,
    'issue 14 §5 and domain.md:114: reps claim from the pool (whoever acts on customers)',
  ),
  'POST /api/v1/pool/{customerId}/release': act(
    CUSTOMER_HANDS,
    'issue 14 §5 (added): the owner, or a leader in reach, gives a customer back to the pool',
  ),
  'POST /api/v1/pool/{customerId}/assign': act(
    LEADERS,
    'issue 14 §5 and domain.md:115: leaders assign from it, as a transfer',
  ),
  'GET /api/v1/visits': act(CUSTOMER_READERS, 'security.md:29 visits are read as customers'),
  'GET /api/v1/visits/{id}': act(CUSTOMER_READERS, 'as GET /visits'),
  'POST /api/v1/visits': act(
    CUSTOMER_HANDS,
    'security.md:29: reps their own visits; issue 14 §1: whoever acts on the customer plans one',
  ),
  'POST /api/v1/visits/{id}/complete': act(CUSTOMER_HANDS, 'as POST /visits'),
  'POST /api/v1/visits/{id}/cancel': act(CUSTOMER_HANDS, 'as POST /visits'),
  'GET /api/v1/care-reminders': act(CUSTOMER_READERS, 'issue 14 §3: read as customers'),
  'POST /api/v1/care-reminders/{id}/done': act(
    CUSTOMER_HANDS,
    'issue 14 §3: done or dismissed by the owner (the service refuses others, 403)',
  ),
  'POST /api/v1/care-reminders/{id}/dismiss': act(CUSTOMER_HANDS, 'as done'),

  'GET /api/v1/products': act(
    [...SELLERS, 'customer_service', 'operations', 'finance'],
    "issue 13 §1: every sales role (domain.md:7: a team's leaders, reps, customer service and " +
      'operations) reads them; finance reads unit cost (security.md:47)',
  ),
  'GET /api/v1/products/{id}': act(
    [...SELLERS, 'customer_service', 'operations', 'finance'],
    'as GET /products',
  ),
  'POST /api/v1/products': act(
    ['director', 'operations'],
    'issue 13 §1: operations and directors edit them; security.md:31 operations: products',
  ),
  'PATCH /api/v1/products/{id}': act(['director', 'operations'], 'as POST /products'),

  'GET /api/v1/courses': act(STAFF, 'issue 15 §1: everyone reads courses'),
  'GET /api/v1/courses/{id}': act(STAFF, 'as GET /courses'),
  'POST /api/v1/courses': act(TRAINERS, 'issue 15 §1: trainers and directors edit'),
  'PATCH /api/v1/courses/{id}': act(TRAINERS, 'as POST /courses'),
  'GET /api/v1/courses/{id}/assessments': act(
    STAFF,
    'issue 15 §5: every trainee reads the questions (never the keys)',
  ),
  'POST /api/v1/courses/{id}/assessments': act(
    TRAINERS,
    'security.md:34 trainer: assessments; director: everything',
  ),
  'POST /api/v1/assessments/{id}/attempts': act(
    STAFF,
    'security.md:29 own training and results; every member is examined (domain.md §4)',
  ),
  'POST /api/v1/attempts/{id}/grade': act(TRAINERS, 'security.md:34 trainer: grading'),
  'GET /api/v1/training-sessions': act(STAFF, 'issue 15 §4: sessions are for everyone to join'),
  'POST /api/v1/training-sessions': act(TRAINERS, 'security.md:34 trainer: sessions'),
  'GET /api/v1/training-sessions/{id}': act(STAFF, 'as GET /training-sessions'),
  'POST /api/v1/training-sessions/{id}/enrollments': act(
    STAFF,
    'domain.md §4: members enroll (or are enrolled by their leaders, trainers)',
  ),
  'POST /api/v1/training-sessions/{id}/attendance': act(
    TRAINERS,
    'issue 15 §4: attendance by the trainer',
  ),
  'POST /api/v1/training-sessions/{id}/feedback': act(
    STAFF,
    'domain.md §4: trainees rate the session and reflect',
  ),
  'GET /api/v1/training-sessions/{id}/evaluation': act(
    [...LEADERS, 'hr', 'trainer'],
    "issue 15 §7: the trainer and the team leader see the session's averages; HR and the director their people's; trainees no one else's scores",
  ),
  'GET /api/v1/training-plans': act(
    STAFF,
    "issue 15 §2: leaders in reach, trainers, HR and directors read plans; every member their own team's",
  ),
  'GET /api/v1/training-plans/{id}': act(STAFF, 'as GET /training-plans'),
  'POST /api/v1/training-plans': act(
    LEADERS,
    "domain.md §4: a leader's yearly plan for a team (the director's for any)",
  ),
  'POST /api/v1/enrollments/{id}/cancel': act(STAFF, 'issue 15 §4: cancelling an enrollment'),
  'POST /api/v1/enrollments/{id}/reflection-grade': act(
    TRAINERS,
    'issue 15 §7: the trainer grades reflections',
  ),
  'GET /api/v1/certificates': act(STAFF, 'issue 15 §6: certificates in reach'),
  'GET /api/v1/members/{id}/training-record': act(
    STAFF,
    'issue 15 §9: the record in reach (scores for the member, trainers, HR, leaders in reach)',
  ),

  'GET /api/v1/orders': act(
    ORDER_READERS,
    'security.md:26-29 orders in scope; :31 operations fulfil them; :33 finance: orders',
  ),
  'GET /api/v1/orders/{id}': act(ORDER_READERS, 'as GET /orders'),
  'GET /api/v1/orders/{id}/timeline': act(ORDER_READERS, 'as GET /orders'),
  'POST /api/v1/orders': act(
    SELLERS,
    'security.md:26-29: director, manager, leaders, reps (their own) act on orders',
  ),
  'PATCH /api/v1/orders/{id}': act(
    SELLERS,
    'issue 13 §4: "the rep corrects the draft"; as POST /orders',
  ),
  'POST /api/v1/orders/{id}/submit': act(SELLERS, 'issue 13 §4: the rep submits; as POST /orders'),
  'POST /api/v1/orders/{id}/cancel': act(SELLERS, 'as POST /orders (issue 13 §4: before shipping)'),
  'POST /api/v1/orders/{id}/complete': act(
    SELLERS,
    'issue 13 §4: completion once delivered and paid (the owner, security.md:29), "or by a leader"',
  ),
  'POST /api/v1/orders/{id}/approve': act(
    LEADERS,
    'domain.md:136-137, issue 13 §4: the supervisor review by a leader or above',
  ),
  'POST /api/v1/orders/{id}/reject': act(LEADERS, 'as approve'),
  'POST /api/v1/orders/{id}/approve-discount': act(
    LEADERS,
    'domain.md:134-135, issue 13 §5: a discount approval by a (team) leader or above',
  ),
  'POST /api/v1/orders/{id}/fulfil': act(
    ['director', 'operations'],
    'issue 13 §4: fulfilment steps by operations of the team; security.md:26 director everything',
  ),
  'POST /api/v1/orders/{id}/payments': act(
    [...LEADERS, 'finance'],
    'issue 13 §6: payments by "finance and leaders"; security.md:33 finance: payments',
  ),
  'POST /api/v1/orders/{id}/refunds': act([...LEADERS, 'finance'], 'issue 13 §6, as payments'),

  'GET /api/v1/contracts': act(
    ORDER_READERS,
    'domain.md:125-126: a contract is the terms of orders (issue 13 §2), read as GET /orders ' +
      '(customer service: its after-sales terms, seed 002 §3.4)',
  ),
  'GET /api/v1/contracts/{id}': act(ORDER_READERS, 'as GET /contracts'),
  'POST /api/v1/contracts': act(SELLERS, 'security.md:26-29: who acts on orders draws contracts'),
  'POST /api/v1/contracts/{id}/submit': act(SELLERS, 'as POST /contracts'),
  'POST /api/v1/contracts/{id}/approve': act(
    LEADERS,
    'issue 13 §2: "a leader or above who did not create it approves"',
  ),
  'POST /api/v1/contracts/{id}/sign': act(SELLERS, 'as POST /contracts'),
  'POST /api/v1/contracts/{id}/complete': act(SELLERS, 'as POST /contracts'),
  'POST /api/v1/contracts/{id}/terminate': act(SELLERS, 'as POST /contracts'),

  'GET /api/v1/kpi-schemes/{id}': act(
    PERFORMANCE_READERS,
    'issue 16 §3: the scheme a scorecard is scored by is readable where scorecards are',
  ),
  'PUT /api/v1/kpi-schemes/{id}': act(
    ['director'],
    "issue 16 §3 and domain.md §5: the company sets each position's weights (directors)",
  ),
  'GET /api/v1/targets': act(PERFORMANCE_READERS, 'issue 16 §3, as the scorecards'),
  'PUT /api/v1/targets': act(
    LEADERS,
    "issue 16 §3: leaders and above set their members' and teams' monthly targets",
  ),
  'GET /api/v1/scorecards': act(
    PERFORMANCE_READERS,
    'issue 16 §4: a rep sees their own, leaders their subtree, HR and directors all',
  ),
  'GET /api/v1/members/{id}/scorecard': act(PERFORMANCE_READERS, 'issue 16 §4, as GET /scorecards'),
  'GET /api/v1/members/{id}/scorecard/sources': act(
    PERFORMANCE_READERS,
    'issue 16 §4: the facts behind a scorecard, as the scorecard',
  ),
  'GET /api/v1/rankings': act(
    PERFORMANCE_READERS,
    'issue 16 §5 and domain.md §5: live rankings, names and values only',
  ),
  'POST /api/v1/rankings/publish': act(
    LEADERS,
    'issue 16 §7: performance.ranking.published "on request of a leader"',
  ),
};

/**
 * Cells where the code answers otherwise than the table above, each reported to the lead. The
 * matrix checks the code still answers as written here, so a fix (or a new drift) makes it fail
 * until this list is brought up to date. None is open.
 */
export const KNOWN_DEVIATIONS: {
  route: string;
  role: SpecRole;
  code: 'allowed' | 'forbidden';
  why: string;
}[] = [];

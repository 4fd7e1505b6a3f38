import { z } from 'zod';

import type { Role } from './roles';

export const PERMISSIONS = [
  'teams:read',
  'teams:write',
  'members:read',
  'members:write',
  /** Probation reviews. */
  'members:review',
  /** Suspending and reinstating members (HR). */
  'members:suspend',
  /** Departures, with the handover of what the member owns. */
  'members:depart',
  /** Applications of candidates, through to hiring. */
  'recruitment:read',
  'recruitment:write',
  /** Commendations and sanctions in members' files. */
  'records:write',
  /** Deciding fines and demotions (managers and above) and dismissals (directors). */
  'sanctions:approve',
  'sanctions:approve-dismissal',
  /** The applicant's leader scores a promotion; managers and above decide; HR rules on objections. */
  'promotions:assess',
  'promotions:decide',
  'promotions:finalize',
  /** Approving leave (leaders of the member) and recording team meetings. */
  'leave:approve',
  'meetings:write',
  'users:manage',
  'api-keys:manage',
  'audit:read',
  'customers:read',
  /** Registering customers, logging follow-ups, moving them through their stages. */
  'customers:write',
  /** Transferring customers between owners and marking them won by hand (leaders and above). */
  'customers:assign',
  'customers:export',
  'orders:read',
  /** Creating and correcting orders, submitting and cancelling them (sales roles). */
  'orders:write',
  /** The supervisor review of orders and discount approvals (leaders and above). */
  'orders:review',
  /** Fulfilment steps through to delivery (operations of the team). */
  'orders:fulfil',
  /** Recording payments and refunds (finance and leaders). */
  'payments:write',
  /** Editing products: prices, floor, unit cost (operations, directors). */
  'products:write',
  'performance:read',
  /** Setting a position's KPI weights (directors). */
  'performance:schemes',
  /** Setting monthly targets of members and teams in reach (leaders and above). */
  'performance:targets',
  /** The server-sent event stream of the events in one's scope (dashboards, departments). */
  'events:subscribe',
  /** One's own webhooks: the events in one's scope, signed, to a department's receiver. */
  'webhooks:manage',
  /** One's own to-do list (GET /me/tasks). */
  'tasks:read',
  /** Courses, sessions, assessments, certificates and training records (in the caller's reach). */
  'training:read',
  /** Enrolling in sessions, taking assessments, giving feedback (oneself; leaders their team). */
  'training:take',
  /** Courses, assessments and sessions, attendance and grading (trainers and directors). */
  'training:manage',
  /** A team's yearly training plan (leaders for the teams they lead, directors). */
  'training:plan',
  /** A session's average improvement, rating and reflection grade (trainers, leaders, HR). */
  'training:evaluations',
] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

const everyone: Permission[] = ['teams:read', 'tasks:read'];
/** Every member of staff is trained and examined (domain.md §4). */
const trainee: Permission[] = ['training:read', 'training:take'];
const leaders: Permission[] = [
  ...everyone,
  ...trainee,
  'members:read',
  'members:write',
  'members:depart',
  'recruitment:read',
  'recruitment:write',
  'records:write',
  'leave:approve',
  'meetings:write',
  'customers:read',
  'customers:write',
  'customers:assign',
  'customers:export',
  'orders:read',
  'orders:write',
  'orders:review',
  'payments:write',
  'performance:read',
  'performance:targets',
  'training:plan',
  'training:evaluations',
  /** Probation reviews: both leaders have "approvals" (security.md); the vice leader deputises. */
  'members:review',
];

/** What each role may do (security.md, "Roles and data scope"). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...everyone, 'teams:write', 'users:manage', 'api-keys:manage', 'audit:read'],
  director: [
    ...everyone,
    ...trainee,
    'training:manage',
    'training:plan',
    'training:evaluations',
    'teams:write',
    'members:read',
    'members:write',
    'members:review',
    'members:depart',
    'recruitment:read',
    'recruitment:write',
    'records:write',
    'sanctions:approve',
    'sanctions:approve-dismissal',
    'promotions:assess',
    'promotions:decide',
    'promotions:finalize',
    'leave:approve',
    'meetings:write',
    'audit:read',
    'customers:read',
    'customers:write',
    'customers:assign',
    'customers:export',
    'orders:read',
    'orders:write',
    'orders:review',
    'orders:fulfil',
    'payments:write',
    'products:write',
    'performance:read',
    'performance:schemes',
    'performance:targets',
    'events:subscribe',
    'webhooks:manage',
  ],
  manager: [
    ...everyone,
    ...trainee,
    'training:plan',
    'training:evaluations',
    'teams:write',
    'members:read',
    'members:write',
    'members:review',
    'members:depart',
    'recruitment:read',
    'recruitment:write',
    'records:write',
    'sanctions:approve',
    'promotions:assess',
    'promotions:decide',
    'leave:approve',
    'meetings:write',
    'customers:read',
    'customers:write',
    'customers:assign',
    'customers:export',
    'orders:read',
    'orders:write',
    'orders:review',
    'payments:write',
    'performance:read',
    'performance:targets',
    'events:subscribe',
    'webhooks:manage',
  ],
  /** The direct leader assesses a promotion: the team leader's team, a manager's team leaders. */
  team_leader: [...leaders, 'promotions:assess'],
  vice_leader: leaders,
  sales_rep: [
    ...everyone,
    ...trainee,
    'members:read',
    'customers:read',
    'customers:write',
    'orders:read',
    'orders:write',
    'performance:read',
  ],
  customer_service: [
    ...everyone,
    ...trainee,
    'members:read',
    'customers:read',
    'customers:write',
    'orders:read',
  ],
  operations: [
    ...everyone,
    ...trainee,
    'members:read',
    'orders:read',
    'orders:fulfil',
    'products:write',
  ],
  hr: [
    ...everyone,
    ...trainee,
    'members:read',
    'members:write',
    'members:suspend',
    'members:depart',
    'recruitment:read',
    'recruitment:write',
    'records:write',
    'promotions:finalize',
    'performance:read',
    'training:evaluations',
    /** For the members in its reach, below a manager (see accounts.ts). */
    'users:manage',
    'events:subscribe',
    'webhooks:manage',
  ],
  /** Customers reach finance masked (security.md). */
  finance: [
    ...everyone,
    ...trainee,
    'members:read',
    'customers:read',
    'orders:read',
    'payments:write',
    'performance:read',
    'events:subscribe',
    'webhooks:manage',
  ],
  trainer: [...everyone, ...trainee, 'training:manage', 'training:evaluations', 'members:read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

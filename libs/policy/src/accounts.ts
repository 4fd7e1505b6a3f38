import { permissionsOf } from './permissions';
import type { Role } from './roles';

/** Roles an administrator grants beyond a position's; a transfer never reaches them. */
export const GRANTED_ROLES = [
  'trainer',
  'finance',
  'hr',
  'admin',
] as const satisfies readonly Role[];
export type GrantedRole = (typeof GRANTED_ROLES)[number];

/** Who grants roles: an administrator, to someone other than themself. */
export const GRANTING_ROLES: readonly Role[] = ['admin'];

/**
 * The accounts that a holder of `users:manage` who is not an administrator (HR) creates, resets
 * and disables, for the members in its reach: positions below a manager. Whoever holds an
 * activation token signs in as the account, so the rest is an administrator's alone.
 */
export const ACCOUNT_ROLES_MANAGED_IN_REACH: readonly Role[] = [
  'team_leader',
  'vice_leader',
  'sales_rep',
  'customer_service',
  'operations',
];

/**
 * Whether a caller may create, reset or disable an account holding these roles (its reach, and
 * that it is not the caller's own, are for the caller to check).
 */
export function mayManageAccount(
  callerRoles: readonly Role[],
  accountRoles: readonly string[],
): boolean {
  if (callerRoles.some((role) => GRANTING_ROLES.includes(role))) return true;
  if (!permissionsOf(callerRoles).has('users:manage')) return false;
  return accountRoles.every((role) =>
    (ACCOUNT_ROLES_MANAGED_IN_REACH as readonly string[]).includes(role),
  );
}

export function mayGrantRoles(callerRoles: readonly Role[]): boolean {
  return callerRoles.some((role) => GRANTING_ROLES.includes(role));
}

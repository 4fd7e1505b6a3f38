import { z } from 'zod';

export const ROLES = [
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
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles that see the whole company or its money and people: they sign in with a second factor. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['admin', 'director', 'hr', 'finance'];

export function mfaRequiredFor(roles: readonly string[]): boolean {
  return roles.some((role) => (MFA_REQUIRED_ROLES as readonly string[]).includes(role));
}

/** A member's role follows their position; the positions and the roles share their names. */
export function roleOfPosition(position: string): Role | undefined {
  const parsed = roleSchema.safeParse(position);
  return parsed.success && parsed.data !== 'admin' ? parsed.data : undefined;
}

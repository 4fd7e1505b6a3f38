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

/** A member's role follows their position; the positions and the roles share their names. */
export function roleOfPosition(position: string): Role | undefined {
  const parsed = roleSchema.safeParse(position);
  return parsed.success && parsed.data !== 'admin' ? parsed.data : undefined;
}

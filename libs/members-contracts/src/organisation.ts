import { z } from 'zod';

import { roleSchema } from '@salesops/policy';

export const TEAM_KINDS = [
  'company',
  'department',
  'wechat_commerce',
  'online_sales',
  'membership_sales',
  'ecommerce_ops',
  'wecom_sales',
  'other',
] as const;
export const teamKindSchema = z.enum(TEAM_KINDS);

/** The jobs in a team; each member's role has the same name (an administrator has no position). */
export const positionSchema = roleSchema.exclude(['admin']);
export const POSITIONS = positionSchema.options;
export type Position = z.infer<typeof positionSchema>;

export const trackSchema = z.enum(['management', 'professional']);
export type Track = z.infer<typeof trackSchema>;

/** Levels per track, lowest first (domain.md §1). */
export const LEVEL_LADDERS = {
  management: [['team_leader', 'supervisor', 'manager', 'director']],
  professional: [
    ['sales_rep', 'senior_sales_rep', 'principal_sales_rep'],
    ['customer_service', 'senior_customer_service', 'principal_customer_service'],
    ['operations', 'senior_operations', 'principal_operations'],
  ],
} as const satisfies Record<Track, readonly (readonly string[])[]>;

export const levelSchema = z.enum([
  ...LEVEL_LADDERS.management.flat(),
  ...LEVEL_LADDERS.professional.flat(),
] as [string, ...string[]]);

export const memberStatusSchema = z.enum(['probation', 'active', 'suspended', 'departed']);
export type MemberStatus = z.infer<typeof memberStatusSchema>;

/** Why a member left, as a class: events say this, the reason's text stays in the service. */
export const departureKindSchema = z.enum(['resigned', 'dismissed', 'probation_failed', 'other']);
export type DepartureKind = z.infer<typeof departureKindSchema>;

/** Why a member was suspended, as a class (the text, like a departure's, stays in the service). */
export const suspensionKindSchema = z.enum(['investigation', 'disciplinary', 'other']);
export type SuspensionKind = z.infer<typeof suspensionKindSchema>;

/**
 * The track and level a position starts on (domain.md §1: a vice leader is usually a senior rep,
 * a team leader starts the management track). Staff functions (`hr`, `finance`, `trainer`) have
 * no ladder of their own, so a hire into one names its track and level.
 */
export const ENTRY_RUNGS: Partial<Record<Position, { track: Track; level: string }>> = {
  director: { track: 'management', level: 'director' },
  manager: { track: 'management', level: 'manager' },
  team_leader: { track: 'management', level: 'team_leader' },
  vice_leader: { track: 'professional', level: 'senior_sales_rep' },
  sales_rep: { track: 'professional', level: 'sales_rep' },
  customer_service: { track: 'professional', level: 'customer_service' },
  operations: { track: 'professional', level: 'operations' },
};

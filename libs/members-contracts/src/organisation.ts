import { z } from 'zod';

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

export const POSITIONS = [
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
export const positionSchema = z.enum(POSITIONS);
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

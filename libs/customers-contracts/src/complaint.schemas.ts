import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { complaintSeveritySchema, rootCauseCategorySchema } from './customers.events';

/** `received → acknowledged → investigating → resolved → closed`; reopened back to investigating. */
export const COMPLAINT_STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'resolved',
  'closed',
] as const;
export const complaintStatusSchema = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.output<typeof complaintStatusSchema>;

export const rootCauseSchema = z.object({
  category: rootCauseCategorySchema,
  notes: z.string(),
});

/** api.md's Complaint. It holds no contact field: the customer's are read through the customer. */
export const complaintSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  orderId: z.uuid().nullable(),
  /** The customer's owner and team when the complaint was received. */
  ownerId: z.uuid(),
  teamId: z.uuid(),
  severity: complaintSeveritySchema,
  category: z.string(),
  description: z.string(),
  status: complaintStatusSchema,
  handlerId: z.uuid(),
  receivedBy: z.string(),
  receivedAt: z.iso.datetime(),
  ackDueAt: z.iso.datetime(),
  resolveDueAt: z.iso.datetime(),
  ackBreached: z.boolean(),
  resolveBreached: z.boolean(),
  acknowledgedAt: z.iso.datetime().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  resolution: z.string().nullable(),
  rootCause: rootCauseSchema.nullable(),
  responsibleMemberId: z.uuid().nullable(),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  reopenCount: z.number().int().min(0),
  version: z.number().int(),
});
export type Complaint = z.infer<typeof complaintSchema>;

export const createComplaintInputSchema = z
  .object({
    customerId: z.uuid(),
    orderId: z.uuid().nullable().default(null),
    severity: complaintSeveritySchema,
    category: z.string().trim().min(1).max(64),
    description: z.string().trim().min(1).max(4000),
    /** Customer service of the customer's team unless named. */
    handlerId: z.uuid().optional(),
    /**
     * When the customer complained, if earlier than now (a letter logged later; up to 30 days
     * back): the deadlines run from it.
     */
    receivedAt: z.iso.datetime().optional(),
  })
  .strict();

export const resolveComplaintInputSchema = z
  .object({
    resolution: z.string().trim().min(1).max(4000),
    rootCause: z
      .object({ category: rootCauseCategorySchema, notes: z.string().trim().min(1).max(2000) })
      .strict(),
    responsibleMemberId: z.uuid(),
  })
  .strict();

export const closeComplaintInputSchema = z
  .object({ satisfaction: z.number().int().min(1).max(5) })
  .strict();

export const reopenComplaintInputSchema = z
  .object({ reason: z.string().trim().min(1).max(2000) })
  .strict();

export const listComplaintsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    status: complaintStatusSchema.optional(),
    severity: complaintSeveritySchema.optional(),
    customerId: z.uuid().optional(),
    handlerId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    /** Only complaints with a deadline breached. */
    breached: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** A company-calendar month, `YYYY-MM`. */
const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month: 2026-11');

export const complaintReportQuerySchema = z
  .object({ period: periodSchema, teamId: z.uuid().optional() })
  .strict();

const reportLine = {
  received: z.number().int().min(0),
  ackBreached: z.number().int().min(0),
  resolveBreached: z.number().int().min(0),
  /** Share of the complaints received whose acknowledgement deadline was breached, 0–1. */
  ackBreachRate: z.number().min(0).max(1),
  resolveBreachRate: z.number().min(0).max(1),
};

/**
 * Complaints received in a company month within the caller's reach, by root cause (those resolved;
 * `product` and `logistics` are for the product owners and operations), team and severity.
 */
export const complaintReportSchema = z.object({
  period: periodSchema,
  total: z.object(reportLine),
  byRootCause: z.array(
    z.object({ category: rootCauseCategorySchema.or(z.literal('unresolved')), ...reportLine }),
  ),
  byTeam: z.array(z.object({ teamId: z.uuid(), ...reportLine })),
  bySeverity: z.array(z.object({ severity: complaintSeveritySchema, ...reportLine })),
});
export type ComplaintReport = z.infer<typeof complaintReportSchema>;

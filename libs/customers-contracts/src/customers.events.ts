import { z } from 'zod';

import { defineEvent } from '@salesops/events';

import { customerStageSchema } from './customer.schemas';

/** Complaint severities (domain.md §2). */
export const complaintSeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type ComplaintSeverity = z.output<typeof complaintSeveritySchema>;

/** Root-cause categories of a resolved complaint (domain.md §2). */
export const rootCauseCategorySchema = z.enum([
  'product',
  'logistics',
  'service_attitude',
  'sales_skill',
  'process',
  'other',
]);
export type RootCauseCategory = z.output<typeof rootCauseCategorySchema>;

const satisfaction = z.number().int().min(1).max(5);

const customerFacts = {
  customerId: z.uuid(),
  ownerId: z.uuid(),
  teamId: z.uuid(),
  /** The customer's version after the change (also the envelope's `subjectVersion`). */
  version: z.number().int(),
};

/**
 * What every complaint event says: which complaint, customer (and its owner), team and order, who
 * handles it, its severity, and the company-calendar month it counts in (`period`, `YYYY-MM`, of
 * the event's own moment). `version` is the complaint's version after the change.
 */
const complaintFacts = {
  complaintId: z.uuid(),
  customerId: z.uuid(),
  ownerId: z.uuid(),
  teamId: z.uuid(),
  orderId: z.uuid().nullable(),
  handlerId: z.uuid(),
  severity: complaintSeveritySchema,
  period: z.string(),
  version: z.number().int(),
};

/**
 * Events the customers service publishes: ids and business facts, never contact fields. The
 * `versioned` ones report a change of the customer named by their subject, at the customer's
 * version after it (`subjectVersion`, the same as `data.version`); events of one change (a stage
 * change and `won`, a follow-up and the stage it moved) share that version and set different
 * aspects.
 */
export const CustomersEvents = {
  customerCreated: defineEvent({
    type: 'customers.customer.created',
    versioned: true,
    version: 1,
    data: z.object({
      ...customerFacts,
      registeredBy: z.string(),
      channel: z.string(),
      intent: z.string(),
      stage: customerStageSchema,
      createdAt: z.iso.datetime(),
    }),
  }),
  stageChanged: defineEvent({
    type: 'customers.customer.stage_changed',
    versioned: true,
    version: 1,
    data: z.object({
      ...customerFacts,
      from: customerStageSchema,
      to: customerStageSchema,
      changedAt: z.iso.datetime(),
    }),
  }),
  customerWon: defineEvent({
    type: 'customers.customer.won',
    versioned: true,
    version: 1,
    data: z.object({ ...customerFacts, wonAt: z.iso.datetime() }),
  }),
  customerTransferred: defineEvent({
    type: 'customers.customer.transferred',
    versioned: true,
    version: 1,
    data: z.object({
      ...customerFacts,
      fromOwnerId: z.uuid(),
      fromTeamId: z.uuid(),
      /** Set when a departure's handover moved it. */
      handoverId: z.uuid().nullable(),
      transferredAt: z.iso.datetime(),
    }),
  }),
  followUpLogged: defineEvent({
    type: 'customers.followup.logged',
    versioned: true,
    version: 1,
    data: z.object({
      ...customerFacts,
      followUpId: z.uuid(),
      memberId: z.string(),
      channel: z.string(),
      at: z.iso.datetime(),
      nextFollowUpAt: z.iso.datetime().nullable(),
    }),
  }),
  visitCompleted: defineEvent({
    type: 'customers.visit.completed',
    version: 1,
    data: z.object({
      visitId: z.uuid(),
      customerId: z.uuid(),
      ownerId: z.uuid(),
      teamId: z.uuid(),
      /** Who made the visit. */
      memberId: z.uuid(),
      outcome: z.string(),
      period: z.string(),
      completedAt: z.iso.datetime(),
    }),
  }),
  revisitCompleted: defineEvent({
    type: 'customers.revisit.completed',
    version: 1,
    data: z.object({
      revisitId: z.uuid(),
      customerId: z.uuid(),
      ownerId: z.uuid(),
      teamId: z.uuid(),
      /** The delivered order that made the first revisit due; null for the periodic ones. */
      orderId: z.uuid().nullable(),
      memberId: z.uuid(),
      satisfaction,
      period: z.string(),
      completedAt: z.iso.datetime(),
    }),
  }),
  complaintReceived: defineEvent({
    type: 'customers.complaint.received',
    versioned: true,
    version: 1,
    data: z.object({
      ...complaintFacts,
      category: z.string(),
      receivedAt: z.iso.datetime(),
      ackDueAt: z.iso.datetime(),
      resolveDueAt: z.iso.datetime(),
    }),
  }),
  complaintAcknowledged: defineEvent({
    type: 'customers.complaint.acknowledged',
    versioned: true,
    version: 1,
    data: z.object({
      ...complaintFacts,
      acknowledgedAt: z.iso.datetime(),
      /** Acknowledged after `ackDueAt`. */
      late: z.boolean(),
    }),
  }),
  complaintResolved: defineEvent({
    type: 'customers.complaint.resolved',
    versioned: true,
    version: 1,
    data: z.object({
      ...complaintFacts,
      rootCauseCategory: rootCauseCategorySchema,
      responsibleMemberId: z.uuid(),
      /**
       * The team's remedial course when the root cause is `sales_skill` or `service_attitude`
       * (training enrolls `responsibleMemberId` in it, once per complaint); null otherwise.
       */
      remedialCourseId: z.uuid().nullable(),
      resolvedAt: z.iso.datetime(),
      /** Resolved after `resolveDueAt`. */
      late: z.boolean(),
    }),
  }),
  complaintClosed: defineEvent({
    type: 'customers.complaint.closed',
    versioned: true,
    version: 1,
    data: z.object({ ...complaintFacts, satisfaction, closedAt: z.iso.datetime() }),
  }),
  complaintBreached: defineEvent({
    type: 'customers.complaint.breached',
    versioned: true,
    version: 1,
    data: z.object({
      ...complaintFacts,
      deadline: z.enum(['ack', 'resolve']),
      dueAt: z.iso.datetime(),
    }),
  }),
  quotaMissed: defineEvent({
    type: 'customers.quota.missed',
    version: 1,
    data: z.object({
      memberId: z.uuid(),
      teamId: z.uuid(),
      week: z.string(),
      leads: z.number().int(),
      quota: z.number().int(),
      shortfall: z.number().int(),
    }),
  }),
  /** The owner is warned: the customer returns to the pool at `dueAt` unless followed up. */
  poolWarned: defineEvent({
    type: 'customers.pool.warned',
    version: 1,
    data: z.object({
      customerId: z.uuid(),
      ownerId: z.uuid(),
      teamId: z.uuid(),
      reason: z.enum(['idle', 'stale']),
      dueAt: z.iso.datetime(),
      warnedAt: z.iso.datetime(),
    }),
  }),
  /** Back in the team's pool; `ownerId` is POOL_OWNER_ID (nobody), `fromOwnerId` who held it. */
  poolRecycled: defineEvent({
    type: 'customers.pool.recycled',
    versioned: true,
    version: 1,
    data: z.object({
      ...customerFacts,
      fromOwnerId: z.uuid(),
      reason: z.enum(['idle', 'stale', 'released']),
      recycledAt: z.iso.datetime(),
    }),
  }),
  /** Out of the pool to `ownerId`: claimed by them, or assigned by a leader (`by`). */
  poolClaimed: defineEvent({
    type: 'customers.pool.claimed',
    versioned: true,
    version: 1,
    data: z.object({
      ...customerFacts,
      how: z.enum(['claimed', 'assigned']),
      by: z.string(),
      claimedAt: z.iso.datetime(),
    }),
  }),
} as const;

import { z } from 'zod';

import { defineEvent } from '@salesops/events';

import { customerStageSchema } from './customer.schemas';

const customerFacts = {
  customerId: z.uuid(),
  ownerId: z.uuid(),
  teamId: z.uuid(),
  /** The customer's version after the change (also the envelope's `subjectVersion`). */
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
} as const;

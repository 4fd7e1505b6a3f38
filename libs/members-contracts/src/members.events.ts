import { z } from 'zod';

import { defineEvent } from '@salesops/events';

import {
  departureKindSchema,
  levelSchema,
  positionSchema,
  suspensionKindSchema,
  teamKindSchema,
  trackSchema,
} from './organisation';
import { teamSettingsSchema } from './team-settings.schemas';

/**
 * Events the members service publishes. Data carry ids and facts, never contact fields nor
 * personnel free text: a reason is told by its class. The `versioned` ones change the member named
 * by their subject and carry the member's version after the change (`subjectVersion`).
 */
export const MembersEvents = {
  memberHired: defineEvent({
    type: 'members.member.hired',
    versioned: true,
    version: 1,
    data: z.object({
      memberId: z.uuid(),
      employeeNo: z.string(),
      /** The member's name when hired (internal class), for rankings and scorecards elsewhere. */
      name: z.string().optional(),
      teamId: z.uuid(),
      position: positionSchema,
      track: trackSchema,
      level: levelSchema,
      hiredAt: z.iso.datetime(),
      probationEndsAt: z.iso.datetime().nullable(),
    }),
  }),
  /** A probation ended without a review: the leader is to decide now. */
  probationDue: defineEvent({
    type: 'members.probation.due',
    version: 1,
    data: z.object({ memberId: z.uuid(), teamId: z.uuid(), probationEndsAt: z.iso.datetime() }),
  }),
  /** An approved leave has begun: the member is away until its end. */
  leaveStarted: defineEvent({
    type: 'members.leave.started',
    version: 1,
    data: z.object({
      leaveRequestId: z.uuid(),
      memberId: z.uuid(),
      teamId: z.uuid(),
      startsOn: z.iso.date(),
      endsOn: z.iso.date(),
    }),
  }),
  memberConfirmed: defineEvent({
    type: 'members.member.confirmed',
    versioned: true,
    version: 1,
    data: z.object({ memberId: z.uuid(), teamId: z.uuid(), confirmedAt: z.iso.datetime() }),
  }),
  memberDeparted: defineEvent({
    type: 'members.member.departed',
    versioned: true,
    // Version 1 carried the reason's text.
    version: 2,
    data: z.object({
      memberId: z.uuid(),
      teamId: z.uuid(),
      departedAt: z.iso.datetime(),
      reasonKind: departureKindSchema,
    }),
  }),
  memberTransferred: defineEvent({
    type: 'members.member.transferred',
    versioned: true,
    version: 1,
    data: z.object({
      memberId: z.uuid(),
      fromTeamId: z.uuid(),
      toTeamId: z.uuid(),
      position: positionSchema,
      transferredAt: z.iso.datetime(),
    }),
  }),
  memberSuspended: defineEvent({
    type: 'members.member.suspended',
    versioned: true,
    version: 2,
    data: z.object({
      memberId: z.uuid(),
      teamId: z.uuid(),
      suspendedAt: z.iso.datetime(),
      reasonKind: suspensionKindSchema,
    }),
  }),
  memberReinstated: defineEvent({
    type: 'members.member.reinstated',
    versioned: true,
    version: 1,
    data: z.object({
      memberId: z.uuid(),
      teamId: z.uuid(),
      reinstatedAt: z.iso.datetime(),
      /** The status the member returns to (absent from events written before it was added). */
      status: z.enum(['probation', 'active']).optional(),
    }),
  }),
  commendationIssued: defineEvent({
    type: 'members.commendation.issued',
    version: 1,
    data: z.object({
      recordId: z.uuid(),
      memberId: z.uuid(),
      teamId: z.uuid(),
      type: z.string(),
      issuedAt: z.iso.datetime(),
    }),
  }),
  /** When a sanction takes effect (at once for a warning, on approval otherwise). */
  sanctionIssued: defineEvent({
    type: 'members.sanction.issued',
    version: 1,
    data: z.object({
      recordId: z.uuid(),
      memberId: z.uuid(),
      teamId: z.uuid(),
      type: z.string(),
      effectiveAt: z.iso.datetime(),
    }),
  }),
  promotionEffective: defineEvent({
    type: 'members.promotion.effective',
    versioned: true,
    version: 1,
    data: z.object({
      promotionId: z.uuid(),
      memberId: z.uuid(),
      teamId: z.uuid(),
      track: trackSchema,
      fromLevel: levelSchema,
      toLevel: levelSchema,
      effectiveAt: z.iso.datetime(),
    }),
  }),
  /**
   * The team as other services project it: place in the tree, leaders and effective settings.
   * `inherited`: an ancestor changed, and with it this team's effective settings.
   */
  teamChanged: defineEvent({
    type: 'members.team.changed',
    version: 1,
    data: z.object({
      teamId: z.uuid(),
      change: z.enum(['created', 'updated', 'moved', 'inherited']),
      name: z.string(),
      kind: teamKindSchema,
      parentId: z.uuid().nullable(),
      leaderId: z.uuid().nullable(),
      viceLeaderId: z.uuid().nullable(),
      settings: teamSettingsSchema,
    }),
  }),
} as const;

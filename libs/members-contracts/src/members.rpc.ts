import { z } from 'zod';

import { defineRpc, pingContractOf, tasksContractOf } from '@salesops/rpc';

import {
  createMemberInputSchema,
  listMembersQuerySchema,
  memberSchema,
  updateMemberInputSchema,
} from './member.schemas';
import {
  applicationActionSchema,
  applicationSchema,
  createApplicationInputSchema,
  listApplicationsQuerySchema,
} from './application.schemas';
import {
  createLeaveRequestInputSchema,
  createMeetingInputSchema,
  leaveRequestSchema,
  listLeaveRequestsQuerySchema,
  listMeetingsQuerySchema,
  meetingSchema,
} from './leave.schemas';
import {
  applyForPromotionInputSchema,
  assessPromotionInputSchema,
  finalizePromotionInputSchema,
  listPromotionsQuerySchema,
  objectionInputSchema,
  promotionSchema,
} from './promotion.schemas';
import {
  commendationInputSchema,
  memberRecordSchema,
  sanctionDecisionSchema,
  sanctionInputSchema,
} from './record.schemas';
import {
  placementSchema,
  transferInputSchema,
  departInputSchema,
  probationCheckpointSchema,
  probationReviewInputSchema,
  suspendInputSchema,
} from './member-lifecycle.schemas';
import {
  createTeamInputSchema,
  listTeamsQuerySchema,
  teamSchema,
  updateTeamInputSchema,
} from './team.schemas';

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const byId = z.object({ id: z.uuid() }).strict();
const idempotencyKey = z.string().min(1).max(200).nullable();
const expectedVersion = z.number().int().min(1).nullable();

/** The members service's request/reply subjects. */
export const MembersRpc = {
  ping: pingContractOf('members'),
  /** Promotions to assess or decide, sanctions to approve, leave to decide, probations due. */
  tasks: tasksContractOf('members'),
  createTeam: defineRpc({
    subject: 'members.team.create.v1',
    permission: 'teams:write',
    request: z.object({ idempotencyKey, input: createTeamInputSchema }).strict(),
    reply: teamSchema,
  }),
  getTeam: defineRpc({
    subject: 'members.team.get.v1',
    permission: 'teams:read',
    request: byId,
    reply: teamSchema,
  }),
  /** The team and every team under it: what a leader's or manager's scope covers. */
  teamSubtree: defineRpc({
    subject: 'members.team.subtree.v1',
    permission: 'teams:read',
    request: byId,
    reply: z.object({ teamIds: z.array(z.uuid()) }),
  }),
  listTeams: defineRpc({
    subject: 'members.team.list.v1',
    permission: 'teams:read',
    request: listTeamsQuerySchema,
    reply: pageOf(teamSchema),
  }),
  createMember: defineRpc({
    subject: 'members.member.create.v1',
    permission: 'members:write',
    request: z.object({ idempotencyKey, input: createMemberInputSchema }).strict(),
    reply: memberSchema,
  }),
  getMember: defineRpc({
    subject: 'members.member.get.v1',
    permission: 'members:read',
    request: byId,
    reply: memberSchema,
  }),
  listMembers: defineRpc({
    subject: 'members.member.list.v1',
    permission: 'members:read',
    request: listMembersQuerySchema,
    reply: pageOf(memberSchema),
  }),
  updateMember: defineRpc({
    subject: 'members.member.update.v1',
    permission: 'members:write',
    request: z.object({ id: z.uuid(), expectedVersion, patch: updateMemberInputSchema }).strict(),
    reply: memberSchema,
  }),
  probationCheckpoint: defineRpc({
    subject: 'members.probation.checkpoint.v1',
    permission: 'members:review',
    request: byId,
    reply: probationCheckpointSchema,
    onward: ['training', 'performance'],
  }),
  reviewProbation: defineRpc({
    subject: 'members.probation.review.v1',
    permission: 'members:review',
    request: z
      .object({ id: z.uuid(), expectedVersion, input: probationReviewInputSchema })
      .strict(),
    reply: memberSchema,
    onward: ['training', 'performance'],
  }),
  suspendMember: defineRpc({
    subject: 'members.member.suspend.v1',
    permission: 'members:suspend',
    request: z.object({ id: z.uuid(), expectedVersion, input: suspendInputSchema }).strict(),
    reply: memberSchema,
  }),
  reinstateMember: defineRpc({
    subject: 'members.member.reinstate.v1',
    permission: 'members:suspend',
    request: z.object({ id: z.uuid(), expectedVersion }).strict(),
    reply: memberSchema,
  }),
  /** Hands over what the member owns in customers and orders, then departs them. */
  departMember: defineRpc({
    subject: 'members.member.depart.v1',
    permission: 'members:depart',
    request: z.object({ id: z.uuid(), expectedVersion, input: departInputSchema }).strict(),
    reply: memberSchema,
    timeoutMs: 15_000,
    onward: ['customers', 'orders'],
  }),
  createApplication: defineRpc({
    subject: 'members.application.create.v1',
    permission: 'recruitment:write',
    request: z.object({ idempotencyKey, input: createApplicationInputSchema }).strict(),
    reply: applicationSchema,
  }),
  getApplication: defineRpc({
    subject: 'members.application.get.v1',
    permission: 'recruitment:read',
    request: byId,
    reply: applicationSchema,
  }),
  listApplications: defineRpc({
    subject: 'members.application.list.v1',
    permission: 'recruitment:read',
    request: listApplicationsQuerySchema,
    reply: pageOf(applicationSchema),
  }),
  /** Moves an application one step; hiring creates the member in probation. */
  advanceApplication: defineRpc({
    subject: 'members.application.advance.v1',
    permission: 'recruitment:write',
    request: z.object({ id: z.uuid(), expectedVersion, step: applicationActionSchema }).strict(),
    reply: applicationSchema,
  }),
  issueCommendation: defineRpc({
    subject: 'members.commendation.issue.v1',
    permission: 'records:write',
    request: z.object({ memberId: z.uuid(), input: commendationInputSchema }).strict(),
    reply: memberRecordSchema,
  }),
  /** A warning takes effect at once; a fine or demotion waits for a manager, a dismissal for a director. */
  issueSanction: defineRpc({
    subject: 'members.sanction.issue.v1',
    permission: 'records:write',
    request: z.object({ memberId: z.uuid(), input: sanctionInputSchema }).strict(),
    reply: memberRecordSchema,
  }),
  decideSanction: defineRpc({
    subject: 'members.sanction.decide.v1',
    permission: 'sanctions:approve',
    request: z
      .object({
        id: z.uuid(),
        expectedVersion,
        decision: z.enum(['approve', 'reject']),
        input: sanctionDecisionSchema,
      })
      .strict(),
    reply: memberRecordSchema,
    timeoutMs: 15_000,
    onward: ['customers', 'orders'],
  }),
  listRecords: defineRpc({
    subject: 'members.record.list.v1',
    permission: 'members:read',
    request: byId,
    reply: z.object({ items: z.array(memberRecordSchema) }),
  }),
  applyForPromotion: defineRpc({
    subject: 'members.promotion.apply.v1',
    permission: 'members:read',
    request: z.object({ idempotencyKey, input: applyForPromotionInputSchema }).strict(),
    reply: promotionSchema,
  }),
  getPromotion: defineRpc({
    subject: 'members.promotion.get.v1',
    permission: 'members:read',
    request: byId,
    reply: promotionSchema,
  }),
  listPromotions: defineRpc({
    subject: 'members.promotion.list.v1',
    permission: 'members:read',
    request: listPromotionsQuerySchema,
    reply: pageOf(promotionSchema),
  }),
  assessPromotion: defineRpc({
    subject: 'members.promotion.assess.v1',
    permission: 'promotions:assess',
    request: z
      .object({ id: z.uuid(), expectedVersion, input: assessPromotionInputSchema })
      .strict(),
    reply: promotionSchema,
  }),
  /** Approval starts the public notice; rejection ends the application. */
  decidePromotion: defineRpc({
    subject: 'members.promotion.decide.v1',
    permission: 'promotions:decide',
    request: z
      .object({ id: z.uuid(), expectedVersion, decision: z.enum(['approve', 'reject']) })
      .strict(),
    reply: promotionSchema,
  }),
  objectToPromotion: defineRpc({
    subject: 'members.promotion.object.v1',
    permission: 'members:read',
    request: z.object({ id: z.uuid(), input: objectionInputSchema }).strict(),
    reply: promotionSchema,
  }),
  finalizePromotion: defineRpc({
    subject: 'members.promotion.finalize.v1',
    permission: 'promotions:finalize',
    request: z
      .object({ id: z.uuid(), expectedVersion, input: finalizePromotionInputSchema })
      .strict(),
    reply: promotionSchema,
  }),
  requestLeave: defineRpc({
    subject: 'members.leave.request.v1',
    permission: 'members:read',
    request: z.object({ idempotencyKey, input: createLeaveRequestInputSchema }).strict(),
    reply: leaveRequestSchema,
  }),
  listLeaveRequests: defineRpc({
    subject: 'members.leave.list.v1',
    permission: 'members:read',
    request: listLeaveRequestsQuerySchema,
    reply: pageOf(leaveRequestSchema),
  }),
  /** The leader approves or rejects; the member cancels their own while it is pending. */
  decideLeave: defineRpc({
    subject: 'members.leave.decide.v1',
    permission: 'members:read',
    request: z
      .object({
        id: z.uuid(),
        expectedVersion,
        decision: z.enum(['approve', 'reject', 'cancel']),
        /** Only with a rejection. */
        reason: z.string().trim().min(1).max(2000).optional(),
      })
      .strict()
      .refine((request) => request.reason === undefined || request.decision === 'reject', {
        path: ['reason'],
        message: 'only a rejection carries a reason',
      }),
    reply: leaveRequestSchema,
  }),
  recordMeeting: defineRpc({
    subject: 'members.meeting.record.v1',
    permission: 'meetings:write',
    request: z.object({ idempotencyKey, input: createMeetingInputSchema }).strict(),
    reply: meetingSchema,
  }),
  listMeetings: defineRpc({
    subject: 'members.meeting.list.v1',
    permission: 'members:read',
    request: listMeetingsQuerySchema,
    reply: pageOf(meetingSchema),
  }),
  updateTeam: defineRpc({
    subject: 'members.team.update.v1',
    permission: 'teams:write',
    request: z.object({ id: z.uuid(), expectedVersion, patch: updateTeamInputSchema }).strict(),
    reply: teamSchema,
  }),
  transferMember: defineRpc({
    subject: 'members.member.transfer.v1',
    permission: 'members:write',
    request: z.object({ id: z.uuid(), expectedVersion, input: transferInputSchema }).strict(),
    reply: memberSchema,
  }),
  memberPlacements: defineRpc({
    subject: 'members.member.placements.v1',
    permission: 'members:read',
    request: byId,
    reply: z.object({ items: z.array(placementSchema) }),
  }),
} as const;

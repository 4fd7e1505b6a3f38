import { z } from 'zod';

import { defineRpc } from '@salesops/contract-kit';

import {
  createLeaveRequestInputSchema,
  createMeetingInputSchema,
  leaveRequestSchema,
  listLeaveRequestsQuerySchema,
  listMeetingsQuerySchema,
  meetingSchema,
} from './leave.schemas';
import { byId, expectedVersion, idempotencyKey, pageOf } from './rpc-fields';

/** Leave and team meetings. */
export const LeaveRpc = {
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
  /** One request, in the list's scope (404 `LEAVE_REQUEST_NOT_FOUND` out of it). */
  getLeaveRequest: defineRpc({
    subject: 'members.leave.get.v1',
    permission: 'members:read',
    request: byId,
    reply: leaveRequestSchema,
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
  /** One meeting, of a team in the list's scope (404 `MEETING_NOT_FOUND` out of it). */
  getMeeting: defineRpc({
    subject: 'members.meeting.get.v1',
    permission: 'members:read',
    request: byId,
    reply: meetingSchema,
  }),
  listMeetings: defineRpc({
    subject: 'members.meeting.list.v1',
    permission: 'members:read',
    request: listMeetingsQuerySchema,
    reply: pageOf(meetingSchema),
  }),
} as const;

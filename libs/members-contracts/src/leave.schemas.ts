import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

export const leaveStatusSchema = z.enum(['pending', 'approved', 'rejected', 'cancelled']);

export const leaveRequestSchema = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  teamId: z.uuid(),
  kind: z.enum(['annual', 'sick', 'personal', 'other']),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  // Personnel: absent for a viewer the policy does not show it to.
  reason: z.string().optional(),
  status: leaveStatusSchema,
  decidedBy: z.string().nullable(),
  // Personnel, like the reason: why the leader rejected it, if they said.
  rejectionReason: z.string().nullable().optional(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type LeaveRequest = z.infer<typeof leaveRequestSchema>;

export const createLeaveRequestInputSchema = z
  .object({
    /**
     * Whose leave: the caller's own when left out; a leader may file for a member of their team.
     */
    memberId: z.uuid().optional(),
    kind: leaveRequestSchema.shape.kind,
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    reason: z.string().trim().min(1).max(2000),
  })
  .strict()
  .refine((input) => input.startsOn <= input.endsOn, {
    path: ['endsOn'],
    message: 'must not be before startsOn',
  });

export const listLeaveRequestsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    memberId: z.uuid().optional(),
    status: leaveStatusSchema.optional(),
  })
  .strict();

export const meetingSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  kind: z.enum(['morning', 'evening', 'weekly']),
  heldOn: z.iso.date(),
  attendeeIds: z.array(z.uuid()),
  notes: z.string(),
  casesShared: z.array(z.string()),
  actionItems: z.array(
    z.object({ text: z.string(), ownerId: z.uuid().nullable(), dueOn: z.iso.date().nullable() }),
  ),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const createMeetingInputSchema = z
  .object({
    /** The caller's own team when left out. */
    teamId: z.uuid().optional(),
    kind: meetingSchema.shape.kind,
    heldOn: z.iso.date(),
    attendeeIds: z.array(z.uuid()).max(500).default([]),
    notes: z.string().trim().max(20_000).default(''),
    casesShared: z.array(z.string().trim().min(1).max(2000)).max(100).default([]),
    actionItems: z
      .array(
        z
          .object({
            text: z.string().trim().min(1).max(2000),
            ownerId: z.uuid().nullable().default(null),
            dueOn: z.iso.date().nullable().default(null),
          })
          .strict(),
      )
      .max(100)
      .default([]),
  })
  .strict();

export const listMeetingsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    teamId: z.uuid().optional(),
    kind: meetingSchema.shape.kind.optional(),
  })
  .strict();

/** A rejection may say why. */
export const leaveRejectionInputSchema = z
  .object({ reason: z.string().trim().min(1).max(2000).optional() })
  .strict();

import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { ENTRY_RUNGS, levelSchema, positionSchema, trackSchema } from './organisation';

export const APPLICATION_STATUSES = [
  'submitted',
  'screened',
  'interview_scheduled',
  'interviewed',
  'hired',
  'rejected',
] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

export const channelSchema = z.enum(['social_media', 'offline_event', 'referral', 'other']);

const phone = z.string().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number');

/** The interview: who and when once scheduled, the score and notes once recorded. */
export const interviewSchema = z.object({
  interviewerId: z.uuid(),
  at: z.iso.datetime(),
  // Personnel fields: absent for a viewer the policy does not show them to.
  score: z.number().int().nullable().optional(),
  notes: z.string().nullable().optional(),
});
export type Interview = z.infer<typeof interviewSchema>;

export const applicationSchema = z.object({
  id: z.uuid(),
  candidateName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  channel: channelSchema,
  // Personnel fields: absent for a viewer the policy does not show them to.
  resume: z.string().optional(),
  teamId: z.uuid(),
  position: positionSchema,
  track: trackSchema,
  level: levelSchema,
  status: applicationStatusSchema,
  interview: interviewSchema.nullable(),
  rejectionReason: z.string().nullable().optional(),
  memberId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Application = z.infer<typeof applicationSchema>;

export const createApplicationInputSchema = z
  .object({
    candidateName: z.string().trim().min(1).max(100),
    phone: phone.nullable().default(null),
    email: z.email().nullable().default(null),
    channel: channelSchema,
    resume: z.string().trim().max(20_000).default(''),
    teamId: z.uuid(),
    position: positionSchema,
    /** With `level`, or neither: the position's entry rung (`ENTRY_RUNGS`). */
    track: trackSchema.optional(),
    level: levelSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const given = { track: input.track, level: input.level };
    if (given.track !== undefined && given.level !== undefined) return;
    if (given.track === undefined && given.level === undefined && ENTRY_RUNGS[input.position]) {
      return;
    }
    for (const field of ['track', 'level'] as const) {
      if (given[field] !== undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message:
          given.track === undefined && given.level === undefined
            ? `required for the position ${input.position}`
            : 'track and level are given together',
      });
    }
  });

/** What each step of an application records (the body of its route). */
export const applicationStepBodies = {
  screen: z.object({}).strict(),
  'schedule-interview': z.object({ interviewerId: z.uuid(), at: z.iso.datetime() }).strict(),
  'record-interview': z
    .object({ score: z.number().int().min(0).max(100), notes: z.string().trim().min(1).max(4000) })
    .strict(),
  hire: z
    .object({
      employeeNo: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{2,32}$/, 'letters, digits and dashes, 2–32'),
      hiredAt: z.iso.datetime().optional(),
    })
    .strict(),
  reject: z.object({ reason: z.string().trim().min(1).max(1000) }).strict(),
} as const;
export type ApplicationStep = keyof typeof applicationStepBodies;

const bodies = applicationStepBodies;

/** One step of an application, with what it records. */
export const applicationActionSchema = z.discriminatedUnion('action', [
  bodies.screen.extend({ action: z.literal('screen') }),
  bodies['schedule-interview'].extend({ action: z.literal('schedule-interview') }),
  bodies['record-interview'].extend({ action: z.literal('record-interview') }),
  bodies.hire.extend({ action: z.literal('hire') }),
  bodies.reject.extend({ action: z.literal('reject') }),
]);
export type ApplicationAction = z.infer<typeof applicationActionSchema>;

export const listApplicationsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    teamId: z.uuid().optional(),
    status: applicationStatusSchema.optional(),
    /** Lists show contact fields masked unless clear is asked for (and allowed). */
    contact: z.enum(['masked', 'clear']).default('masked'),
  })
  .strict();
export type ListApplicationsQuery = z.output<typeof listApplicationsQuerySchema>;

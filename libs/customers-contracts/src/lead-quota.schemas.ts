import { z } from 'zod';

/** An ISO week of the company calendar. */
export const isoWeekSchema = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'a week: 2026-W47');

export const leadQuotaQuerySchema = z
  .object({ teamId: z.uuid(), week: isoWeekSchema.optional() })
  .strict();

export const leadQuotaSchema = z.object({
  teamId: z.uuid(),
  week: isoWeekSchema,
  quota: z.number().int().min(0),
  total: z.number().int().min(0),
  reps: z.array(
    z.object({
      memberId: z.uuid(),
      leads: z.number().int().min(0),
      quota: z.number().int().min(0),
      shortfall: z.number().int().min(0),
    }),
  ),
});
export type LeadQuota = z.infer<typeof leadQuotaSchema>;

import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

/** api.md's Certificate. */
export const certificateSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  memberId: z.uuid(),
  courseId: z.uuid(),
  courseTitle: z.string(),
  attemptId: z.uuid(),
  issuedAt: z.iso.datetime(),
  validUntil: z.iso.datetime().nullable(),
  valid: z.boolean(),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const listCertificatesQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    memberId: z.uuid().optional(),
    courseId: z.uuid().optional(),
  })
  .strict();
export type ListCertificatesQuery = z.output<typeof listCertificatesQuerySchema>;

/** Certificate numbers: `TC-` and 20 characters of Crockford base32 (100 random bits). */
export const certificateNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^TC-[0-9A-HJKMNP-TV-Z]{20}$/, 'a certificate number');

/** What anyone may learn of a certificate by its number, and nothing more. */
export const certificateVerificationSchema = z
  .object({
    holderName: z.string(),
    courseTitle: z.string(),
    issuedAt: z.iso.datetime(),
    valid: z.boolean(),
  })
  .strict();

import { z } from 'zod';

import { fieldErrorSchema, pageQuerySchema } from '@salesops/contract-kit';

/** The CSV header names an import takes: the Customer's fields (api.md). */
export const CUSTOMER_IMPORT_COLUMNS = [
  'type',
  'name',
  'phone',
  'wechatId',
  'email',
  'address',
  'birthday',
  'channel',
  'intent',
  'tags',
  'ownerId',
] as const;

export const importRowValuesSchema = z.partialRecord(
  z.enum(CUSTOMER_IMPORT_COLUMNS),
  z.string().max(1000),
);

export const IMPORT_ROW_OUTCOMES = ['pending', 'created', 'duplicate', 'invalid'] as const;
export type ImportRowOutcome = (typeof IMPORT_ROW_OUTCOMES)[number];

export const importRowReportSchema = z.object({
  row: z.number().int(),
  outcome: z.enum(IMPORT_ROW_OUTCOMES),
  customerId: z.uuid().nullable(),
  errors: z.array(fieldErrorSchema),
});

export const customerImportSchema = z.object({
  id: z.uuid(),
  status: z.enum(['uploading', 'running', 'completed']),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.number().int(),
  pending: z.number().int(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
});
export type CustomerImport = z.infer<typeof customerImportSchema>;

/**
 * One page of a job's row report, by row number: a 50,000-row report in one reply would pass
 * NATS's 1 MiB message limit.
 */
export const importReportQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    status: z.enum(IMPORT_ROW_OUTCOMES).optional(),
  })
  .strict();
export type ImportReportQuery = z.infer<typeof importReportQuerySchema>;

/** The job with one page of its rows (`rows`) and the cursor of the next (null on the last). */
export const customerImportReportSchema = customerImportSchema.extend({
  rows: z.array(importRowReportSchema),
  nextCursor: z.string().nullable(),
});
export type CustomerImportReport = z.infer<typeof customerImportReportSchema>;

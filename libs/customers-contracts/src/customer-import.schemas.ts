import { z } from 'zod';

import { fieldErrorSchema } from '@salesops/contract-kit';

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

export const importRowReportSchema = z.object({
  row: z.number().int(),
  outcome: z.enum(['pending', 'created', 'duplicate', 'invalid']),
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
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  /** The per-row report (on a single job's read). */
  rows: z.array(importRowReportSchema).optional(),
});
export type CustomerImport = z.infer<typeof customerImportSchema>;

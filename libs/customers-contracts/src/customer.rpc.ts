import { z } from 'zod';

import { byIdWithContact, defineRpc, pageOf } from '@salesops/contract-kit';

import {
  createCustomerInputSchema,
  customerHistoryEntrySchema,
  customerReachSchema,
  customerSchema,
  listCustomersQuerySchema,
  stageReasonInputSchema,
  transferCustomerInputSchema,
  updateCustomerInputSchema,
} from './customer.schemas';
import {
  customerImportReportSchema,
  customerImportSchema,
  importReportQuerySchema,
  importRowValuesSchema,
} from './customer-import.schemas';
import {
  followUpSchema,
  listFollowUpsQuerySchema,
  logFollowUpInputSchema,
} from './follow-up.schemas';
import { leadQuotaQuerySchema, leadQuotaSchema } from './lead-quota.schemas';

const byId = z.object({ id: z.uuid() }).strict();
const idempotencyKey = z.string().min(1).max(200).nullable();
const expectedVersion = z.number().int().min(1).nullable();
const stageCommand = z.object({ id: z.uuid(), expectedVersion }).strict();

/** Customers, their stages, owners and follow-ups, and the weekly lead quota. */
export const CustomerRpc = {
  createCustomer: defineRpc({
    subject: 'customers.customer.create.v1',
    permission: 'customers:write',
    request: z.object({ idempotencyKey, input: createCustomerInputSchema }).strict(),
    reply: customerSchema,
  }),
  getCustomer: defineRpc({
    subject: 'customers.customer.get.v1',
    permission: 'customers:read',
    request: byIdWithContact,
    reply: customerSchema,
  }),
  /**
   * Whether a customer is in the caller's reach, and who owns it: for the services that act on a
   * customer (orders), without opening its contact fields. Out of reach answers CUSTOMER_NOT_FOUND.
   */
  customerReach: defineRpc({
    subject: 'customers.customer.reach.v1',
    permission: 'customers:read',
    request: byId,
    reply: customerReachSchema,
  }),
  listCustomers: defineRpc({
    subject: 'customers.customer.list.v1',
    permission: 'customers:read',
    request: listCustomersQuerySchema,
    reply: pageOf(customerSchema),
  }),
  updateCustomer: defineRpc({
    subject: 'customers.customer.update.v1',
    permission: 'customers:write',
    request: z.object({ id: z.uuid(), expectedVersion, patch: updateCustomerInputSchema }).strict(),
    reply: customerSchema,
  }),
  customerHistory: defineRpc({
    subject: 'customers.customer.history.v1',
    permission: 'customers:read',
    request: byId,
    reply: z.object({ items: z.array(customerHistoryEntrySchema) }),
  }),
  markLost: defineRpc({
    subject: 'customers.customer.mark-lost.v1',
    permission: 'customers:write',
    request: stageCommand.extend({ input: stageReasonInputSchema }).strict(),
    reply: customerSchema,
  }),
  markDormant: defineRpc({
    subject: 'customers.customer.mark-dormant.v1',
    permission: 'customers:write',
    request: stageCommand.extend({ input: stageReasonInputSchema }).strict(),
    reply: customerSchema,
  }),
  reopen: defineRpc({
    subject: 'customers.customer.reopen.v1',
    permission: 'customers:write',
    request: stageCommand,
    reply: customerSchema,
  }),
  /** Qualified and negotiating are set by the owner's hand; won is not (see markWon). */
  advance: defineRpc({
    subject: 'customers.customer.advance.v1',
    permission: 'customers:write',
    request: stageCommand
      .extend({ input: z.object({ stage: z.enum(['qualified', 'negotiating']) }).strict() })
      .strict(),
    reply: customerSchema,
  }),
  /** Until orders announce a first completed order, a leader marks a customer won. */
  markWon: defineRpc({
    subject: 'customers.customer.mark-won.v1',
    permission: 'customers:assign',
    request: stageCommand,
    reply: customerSchema,
  }),
  transfer: defineRpc({
    subject: 'customers.customer.transfer.v1',
    permission: 'customers:assign',
    request: stageCommand.extend({ input: transferCustomerInputSchema }).strict(),
    reply: customerSchema,
  }),
  logFollowUp: defineRpc({
    subject: 'customers.followup.log.v1',
    permission: 'customers:write',
    request: z.object({ customerId: z.uuid(), input: logFollowUpInputSchema }).strict(),
    reply: followUpSchema,
  }),
  listFollowUps: defineRpc({
    subject: 'customers.followup.list.v1',
    permission: 'customers:read',
    request: listFollowUpsQuerySchema.extend({ customerId: z.uuid() }).strict(),
    reply: pageOf(followUpSchema),
  }),
  leadQuota: defineRpc({
    subject: 'customers.lead-quota.get.v1',
    permission: 'customers:read',
    request: leadQuotaQuerySchema,
    reply: leadQuotaSchema,
  }),
} as const;

const IMPORT_CHUNK_ROWS = 500;

/** CSV imports: the gateway parses the file and hands over its rows in chunks, then starts it. */
export const CustomerImportRpc = {
  createImport: defineRpc({
    subject: 'customers.import.create.v1',
    permission: 'customers:write',
    request: z
      .object({
        idempotencyKey,
        fileHash: z.string().regex(/^[0-9a-f]{64}$/),
        total: z.number().int().min(0).max(200_000),
      })
      .strict(),
    /** `fresh`: a new job, waiting for its rows; otherwise the job this file (or key) made before. */
    reply: z.object({ job: customerImportSchema, fresh: z.boolean() }),
  }),
  appendImportRows: defineRpc({
    subject: 'customers.import.append.v1',
    permission: 'customers:write',
    request: z
      .object({
        importId: z.uuid(),
        rows: z
          .array(z.object({ row: z.number().int().min(1), values: importRowValuesSchema }).strict())
          .max(IMPORT_CHUNK_ROWS),
      })
      .strict(),
    reply: z.object({ received: z.number().int() }),
  }),
  startImport: defineRpc({
    subject: 'customers.import.start.v1',
    permission: 'customers:write',
    request: z.object({ importId: z.uuid() }).strict(),
    reply: customerImportSchema,
  }),
  getImport: defineRpc({
    subject: 'customers.import.get.v1',
    permission: 'customers:write',
    request: importReportQuerySchema.extend({ id: z.uuid() }).strict(),
    reply: customerImportReportSchema,
  }),
} as const;

export { IMPORT_CHUNK_ROWS };

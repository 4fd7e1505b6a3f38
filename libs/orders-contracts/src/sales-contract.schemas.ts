import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { positiveMoneySchema } from '@salesops/contract-kit';

export const SALES_CONTRACT_STATUSES = [
  'draft',
  'under_review',
  'signed',
  'completed',
  'terminated',
] as const;
export const salesContractStatusSchema = z.enum(SALES_CONTRACT_STATUSES);
export type SalesContractStatus = z.infer<typeof salesContractStatusSchema>;

/** api.md's Contract: a customer's terms (amount, delivery date, payment method, after-sales). */
export const salesContractSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  ownerId: z.uuid(),
  teamId: z.uuid(),
  createdBy: z.string(),
  amount: z.string(),
  deliveryDate: z.iso.date(),
  paymentMethod: z.string(),
  afterSalesTerms: z.string(),
  status: salesContractStatusSchema,
  /** The leader who approved it under review; it is signed only once approved. */
  approvedBy: z.string().nullable(),
  statusReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  version: z.number().int(),
});
export type SalesContract = z.infer<typeof salesContractSchema>;

export const createSalesContractInputSchema = z
  .object({
    customerId: z.uuid(),
    amount: positiveMoneySchema,
    deliveryDate: z.iso.date(),
    paymentMethod: z.enum(['bank_transfer', 'card', 'cash', 'wechat_pay', 'alipay', 'other']),
    afterSalesTerms: z.string().trim().min(1).max(2000),
  })
  .strict();

export const listSalesContractsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    status: salesContractStatusSchema.optional(),
    customerId: z.uuid().optional(),
  })
  .strict();
export type ListSalesContractsQuery = z.output<typeof listSalesContractsQuerySchema>;

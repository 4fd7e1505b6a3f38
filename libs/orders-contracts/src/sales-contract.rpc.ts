import { z } from 'zod';

import { defineRpc, pageOf } from '@salesops/contract-kit';

import { optionalReasonInputSchema, reasonInputSchema } from './order.schemas';
import {
  createSalesContractInputSchema,
  listSalesContractsQuerySchema,
  salesContractSchema,
} from './sales-contract.schemas';

const idempotencyKey = z.string().min(1).max(200).nullable();
const command = z.object({ id: z.uuid(), expectedVersion: z.number().int().min(1).nullable() });

/** Sales contracts (`/contracts`): draft → under_review → signed → completed | terminated. */
export const SalesContractRpc = {
  createContract: defineRpc({
    subject: 'orders.contract.create.v1',
    permission: 'orders:write',
    request: z.object({ idempotencyKey, input: createSalesContractInputSchema }).strict(),
    reply: salesContractSchema,
    onward: ['customers'],
  }),
  getContract: defineRpc({
    subject: 'orders.contract.get.v1',
    permission: 'orders:read',
    request: z.object({ id: z.uuid() }).strict(),
    reply: salesContractSchema,
  }),
  listContracts: defineRpc({
    subject: 'orders.contract.list.v1',
    permission: 'orders:read',
    request: listSalesContractsQuerySchema,
    reply: pageOf(salesContractSchema),
  }),
  submitContract: defineRpc({
    subject: 'orders.contract.submit.v1',
    permission: 'orders:write',
    request: command.strict(),
    reply: salesContractSchema,
  }),
  /** A leader or above in reach who did not create it. */
  approveContract: defineRpc({
    subject: 'orders.contract.approve.v1',
    permission: 'orders:review',
    request: command.extend({ input: optionalReasonInputSchema.optional() }).strict(),
    reply: salesContractSchema,
  }),
  signContract: defineRpc({
    subject: 'orders.contract.sign.v1',
    permission: 'orders:write',
    request: command.strict(),
    reply: salesContractSchema,
  }),
  completeContract: defineRpc({
    subject: 'orders.contract.complete.v1',
    permission: 'orders:write',
    request: command.strict(),
    reply: salesContractSchema,
  }),
  terminateContract: defineRpc({
    subject: 'orders.contract.terminate.v1',
    permission: 'orders:write',
    request: command.extend({ input: reasonInputSchema }).strict(),
    reply: salesContractSchema,
  }),
} as const;

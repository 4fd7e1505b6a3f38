import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { moneySchema, positiveMoneySchema } from '@salesops/contract-kit';

export const ORDER_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'in_production',
  'packed',
  'shipped',
  'delivered',
  'completed',
  'rejected',
  'cancelled',
] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** The fulfilment steps operations record, in order. */
export const FULFILMENT_STEPS = ['in_production', 'packed', 'shipped', 'delivered'] as const;
export const fulfilmentStepSchema = z.enum(FULFILMENT_STEPS);
export type FulfilmentStep = z.infer<typeof fulfilmentStepSchema>;

export const paymentStatusSchema = z.enum(['unpaid', 'partially_paid', 'paid', 'refunded']);
export const discountStatusSchema = z.enum(['none', 'pending', 'approved']);

export const orderLineSchema = z.object({
  productId: z.uuid(),
  quantity: z.number().int(),
  unitPrice: z.string(),
  lineTotal: z.string(),
});

/**
 * api.md's Order. `cost`, `profit` and `discountApproval` are `financial`: absent unless the
 * caller is cleared. Totals are the service's, computed from the lines.
 */
export const orderSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  customerId: z.uuid(),
  ownerId: z.uuid(),
  teamId: z.uuid(),
  createdBy: z.string(),
  contractId: z.uuid().nullable(),
  lines: z.array(orderLineSchema),
  total: z.string(),
  cost: z.string().nullable().optional(),
  profit: z.string().nullable().optional(),
  status: orderStatusSchema,
  /** Why it was rejected, cancelled or completed by a leader's hand. */
  statusReason: z.string().nullable(),
  paymentStatus: paymentStatusSchema,
  paidAmount: z.string(),
  refundedAmount: z.string(),
  shipment: z.object({ carrier: z.string(), trackingNo: z.string() }).nullable(),
  discountStatus: discountStatusSchema,
  discountApproval: z
    .object({ by: z.string(), at: z.iso.datetime(), reason: z.string().nullable() })
    .nullable()
    .optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
});
export type Order = z.infer<typeof orderSchema>;

export const orderLineInputSchema = z
  .object({
    productId: z.uuid(),
    quantity: z.number().int().min(1).max(1_000_000),
    /** The product's list price when not given. */
    unitPrice: moneySchema.optional(),
  })
  .strict();

const lines = z.array(orderLineInputSchema).min(1).max(100);

/** A client's total is never taken: the service computes it from the lines. */
export const createOrderInputSchema = z
  .object({
    customerId: z.uuid(),
    lines,
    contractId: z.uuid().nullable().default(null),
  })
  .strict();
export type CreateOrderInput = z.input<typeof createOrderInputSchema>;

export const updateOrderLinesInputSchema = z.object({ lines }).strict();

const reason = z.string().trim().min(1).max(500);
export const reasonInputSchema = z.object({ reason }).strict();
export const optionalReasonInputSchema = z.object({ reason: reason.optional() }).strict();

export const fulfilInputSchema = z
  .object({
    step: fulfilmentStepSchema,
    carrier: z.string().trim().min(1).max(100).optional(),
    trackingNo: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.step !== 'shipped') return;
    for (const field of ['carrier', 'trackingNo'] as const) {
      if (!input[field])
        ctx.addIssue({ code: 'custom', path: [field], message: 'required to ship' });
    }
  });

export const paymentInputSchema = z
  .object({
    amount: positiveMoneySchema,
    method: z.enum(['bank_transfer', 'card', 'cash', 'wechat_pay', 'alipay', 'other']),
    reference: z.string().trim().min(1).max(100),
    paidAt: z.iso.datetime().optional(),
  })
  .strict();

export const refundInputSchema = z.object({ amount: positiveMoneySchema, reason }).strict();

export const listOrdersQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    status: orderStatusSchema.optional(),
    paymentStatus: paymentStatusSchema.optional(),
    customerId: z.uuid().optional(),
    ownerId: z.uuid().optional(),
    teamId: z.uuid().optional(),
  })
  .strict();
export type ListOrdersQuery = z.output<typeof listOrdersQuerySchema>;

/** One entry of an order's timeline: what happened, from which status to which, who, when, why. */
export const orderTimelineEntrySchema = z.object({
  action: z.string(),
  from: orderStatusSchema.nullable(),
  to: orderStatusSchema,
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  by: z.string(),
  at: z.iso.datetime(),
});

import { z } from 'zod';

import { defineRpc, pageOf } from '@salesops/contract-kit';

import {
  createOrderInputSchema,
  fulfilInputSchema,
  listOrdersQuerySchema,
  optionalReasonInputSchema,
  paymentInputSchema,
  refundInputSchema,
  orderSchema,
  orderTimelineEntrySchema,
  reasonInputSchema,
  updateOrderLinesInputSchema,
} from './order.schemas';

const idempotencyKey = z.string().min(1).max(200).nullable();
const expectedVersion = z.number().int().min(1).nullable();
const command = z.object({ id: z.uuid(), expectedVersion }).strict();
const byId = z.object({ id: z.uuid() }).strict();

/** Orders and their state machine (domain.md §3). */
export const OrderRpc = {
  /** The customer is asked of the customers service with the caller's identity (`onward`). */
  createOrder: defineRpc({
    subject: 'orders.order.create.v1',
    permission: 'orders:write',
    request: z.object({ idempotencyKey, input: createOrderInputSchema }).strict(),
    reply: orderSchema,
    onward: ['customers'],
  }),
  getOrder: defineRpc({
    subject: 'orders.order.get.v1',
    permission: 'orders:read',
    request: byId,
    reply: orderSchema,
  }),
  listOrders: defineRpc({
    subject: 'orders.order.list.v1',
    permission: 'orders:read',
    request: listOrdersQuerySchema,
    reply: pageOf(orderSchema),
  }),
  orderTimeline: defineRpc({
    subject: 'orders.order.timeline.v1',
    permission: 'orders:read',
    request: byId,
    reply: z.object({ items: z.array(orderTimelineEntrySchema) }),
  }),
  /** A draft's (or rejected order's) lines, corrected; a discount approval is void after it. */
  updateLines: defineRpc({
    subject: 'orders.order.update-lines.v1',
    permission: 'orders:write',
    request: command.extend({ input: updateOrderLinesInputSchema }).strict(),
    reply: orderSchema,
  }),
  submit: defineRpc({
    subject: 'orders.order.submit.v1',
    permission: 'orders:write',
    request: command,
    reply: orderSchema,
  }),
  approve: defineRpc({
    subject: 'orders.order.approve.v1',
    permission: 'orders:review',
    request: command.extend({ input: optionalReasonInputSchema.optional() }).strict(),
    reply: orderSchema,
  }),
  reject: defineRpc({
    subject: 'orders.order.reject.v1',
    permission: 'orders:review',
    request: command.extend({ input: reasonInputSchema }).strict(),
    reply: orderSchema,
  }),
  approveDiscount: defineRpc({
    subject: 'orders.order.approve-discount.v1',
    permission: 'orders:review',
    request: command.extend({ input: optionalReasonInputSchema.optional() }).strict(),
    reply: orderSchema,
  }),
  fulfil: defineRpc({
    subject: 'orders.order.fulfil.v1',
    permission: 'orders:fulfil',
    request: command.extend({ input: fulfilInputSchema }).strict(),
    reply: orderSchema,
  }),
  cancel: defineRpc({
    subject: 'orders.order.cancel.v1',
    permission: 'orders:write',
    request: command.extend({ input: reasonInputSchema }).strict(),
    reply: orderSchema,
  }),
  /** Once delivered and paid, by the owner or a leader; before paid, by a leader with a reason. */
  complete: defineRpc({
    subject: 'orders.order.complete.v1',
    permission: 'orders:write',
    request: command.extend({ input: optionalReasonInputSchema.optional() }).strict(),
    reply: orderSchema,
  }),
  /** A payment received (finance and leaders): never more than the total; payment status follows. */
  recordPayment: defineRpc({
    subject: 'orders.order.record-payment.v1',
    permission: 'payments:write',
    request: command.extend({ input: paymentInputSchema }).strict(),
    reply: orderSchema,
  }),
  /** A refund after delivery, partial or full, never more than was paid, with the reason. */
  recordRefund: defineRpc({
    subject: 'orders.order.record-refund.v1',
    permission: 'payments:write',
    request: command.extend({ input: refundInputSchema }).strict(),
    reply: orderSchema,
  }),
} as const;

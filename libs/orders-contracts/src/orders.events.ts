import { z } from 'zod';

import { defineEvent } from '@salesops/events';

import { orderStatusSchema } from './order.schemas';

const money = z.string();

/**
 * What every order event says: whose order, which team and customer, the company-calendar month it
 * counts in (`period`, `YYYY-MM`), the total and when. `cost` and `profit` are the `financial`
 * fields: subscribers without that clearance are sent the event without them.
 */
const orderFacts = {
  orderId: z.uuid(),
  number: z.string(),
  customerId: z.uuid(),
  ownerId: z.uuid(),
  teamId: z.uuid(),
  status: orderStatusSchema,
  total: money,
  period: z.string(),
  at: z.iso.datetime(),
};
const financialFacts = { cost: money.nullable(), profit: money.nullable() };
const facts = z.object(orderFacts);
const withReason = facts.extend({ reason: z.string().nullable() });

/** Events the orders service publishes; each order event carries the order's version. */
export const OrdersEvents = {
  orderSubmitted: defineEvent({
    type: 'orders.order.submitted',
    version: 1,
    versioned: true,
    data: facts,
  }),
  orderApproved: defineEvent({
    type: 'orders.order.approved',
    version: 1,
    versioned: true,
    data: facts.extend({ ...financialFacts, approvedBy: z.string() }),
  }),
  orderRejected: defineEvent({
    type: 'orders.order.rejected',
    version: 1,
    versioned: true,
    data: withReason.extend({ rejectedBy: z.string() }),
  }),
  orderShipped: defineEvent({
    type: 'orders.order.shipped',
    version: 1,
    versioned: true,
    data: facts.extend({ carrier: z.string(), trackingNo: z.string() }),
  }),
  orderDelivered: defineEvent({
    type: 'orders.order.delivered',
    version: 1,
    versioned: true,
    data: facts,
  }),
  orderCompleted: defineEvent({
    type: 'orders.order.completed',
    version: 1,
    versioned: true,
    data: withReason.extend({ ...financialFacts, paidAmount: money }),
  }),
  orderCancelled: defineEvent({
    type: 'orders.order.cancelled',
    version: 1,
    versioned: true,
    data: withReason.extend({ previousStatus: orderStatusSchema }),
  }),
  orderRefunded: defineEvent({
    type: 'orders.order.refunded',
    version: 1,
    versioned: true,
    data: withReason.extend({ amount: money, refundedAmount: money, afterCompletion: z.boolean() }),
  }),
  paymentReceived: defineEvent({
    type: 'orders.payment.received',
    version: 1,
    versioned: true,
    data: facts.extend({
      paymentId: z.uuid(),
      amount: money,
      paidAmount: money,
      method: z.string(),
    }),
  }),
} as const;

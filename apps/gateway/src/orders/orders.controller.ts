import { OrdersRpc } from '@salesops/orders-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const OrdersController = rpcController(
  'Orders',
  { path: 'orders', tag: 'orders' },
  {
    create: route.create(OrdersRpc.createOrder, {
      summary:
        'Create a draft order for a customer in your reach; the totals are computed from the lines',
      located: true,
    }),
    list: route.list(OrdersRpc.listOrders, { summary: 'List orders in your reach' }),
    get: route.get(OrdersRpc.getOrder, { summary: 'Get an order' }),
    timeline: route.get(OrdersRpc.orderTimeline, {
      path: ':id/timeline',
      summary: "The order's changes, with who, when and why",
    }),
    updateLines: route.command(OrdersRpc.updateLines, {
      method: 'PATCH',
      path: ':id',
      summary: "Correct a draft or rejected order's lines (a discount approval is void after it)",
    }),
    submit: route.command(OrdersRpc.submit, {
      path: ':id/submit',
      summary: 'Submit for review (a line below its floor needs a discount approval first)',
    }),
    approve: route.command(OrdersRpc.approve, {
      path: ':id/approve',
      summary: 'Approve a submitted order (a leader or above who neither created nor owns it)',
    }),
    reject: route.command(OrdersRpc.reject, {
      path: ':id/reject',
      summary: 'Reject a submitted order with the reason; the rep corrects it and submits again',
    }),
    approveDiscount: route.command(OrdersRpc.approveDiscount, {
      path: ':id/approve-discount',
      summary: "Approve the current lines' prices below the floor (a leader, not the creator)",
    }),
    fulfil: route.command(OrdersRpc.fulfil, {
      path: ':id/fulfil',
      summary:
        'Record the next fulfilment step: in_production, packed, shipped (carrier, tracking number), delivered',
    }),
    cancel: route.command(OrdersRpc.cancel, {
      path: ':id/cancel',
      summary: 'Cancel an order before it ships, with the reason',
    }),
    complete: route.command(OrdersRpc.complete, {
      path: ':id/complete',
      summary: 'Complete a delivered order: once paid, or by a leader with a reason',
    }),
    payments: route.command(OrdersRpc.recordPayment, {
      path: ':id/payments',
      summary:
        'Record a payment (amount, method, reference, time): never beyond the total; the payment status follows',
    }),
    refunds: route.command(OrdersRpc.recordRefund, {
      path: ':id/refunds',
      summary: 'Record a refund after delivery, partial or full, never beyond what was paid',
    }),
  },
);

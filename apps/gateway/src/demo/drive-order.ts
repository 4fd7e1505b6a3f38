import {
  FULFILMENT_STEPS,
  type Order,
  type OrderStatus,
  OrdersRpc,
} from '@salesops/orders-contracts';
import type { IdentityClaims, RpcClient } from '@salesops/rpc';

/** Who moves a demo order: the rep submits and completes, the leader approves, operations fulfil, finance records the payment. */
export interface OrderHands {
  rep: IdentityClaims;
  leader: IdentityClaims;
  ops: IdentityClaims;
  finance: IdentityClaims;
}

/** The main path; a rejected or cancelled order is off it. */
const PATH: OrderStatus[] = ['draft', 'submitted', 'approved', ...FULFILMENT_STEPS, 'completed'];

const context = (identity: IdentityClaims) => ({
  requestId: 'demo-seed',
  identity,
  timeoutMs: 10_000,
});

/**
 * Moves an order on from where it stands to `target` along the main path (submitted, approved,
 * each fulfilment step, paid in full and completed). A step the order has already passed is not
 * sent again, so a second load of the demo repeats nothing; a rejected or cancelled order stays.
 */
export async function driveOrder(
  rpc: RpcClient,
  start: Order,
  target: OrderStatus,
  hands: OrderHands,
  paymentReference: string,
): Promise<Order> {
  let order = start;
  const command = () => ({ id: order.id, expectedVersion: order.version });
  const reaches = (status: OrderStatus) => PATH.indexOf(target) >= PATH.indexOf(status);
  const done = (status: OrderStatus) =>
    order.status === 'cancelled' ||
    order.status === 'rejected' ||
    PATH.indexOf(order.status) >= PATH.indexOf(status);

  if (reaches('submitted') && !done('submitted')) {
    order = await rpc.call(OrdersRpc.submit, command(), context(hands.rep));
  }
  if (reaches('approved') && !done('approved')) {
    order = await rpc.call(OrdersRpc.approve, command(), context(hands.leader));
  }
  for (const step of FULFILMENT_STEPS) {
    if (!reaches(step)) break;
    if (done(step)) continue;
    order = await rpc.call(
      OrdersRpc.fulfil,
      {
        ...command(),
        input:
          step === 'shipped'
            ? { step, carrier: 'SF Express', trackingNo: `SF${order.number.slice(-6)}` }
            : { step },
      },
      context(hands.ops),
    );
  }
  if (!reaches('completed')) return order;
  if (order.paymentStatus === 'unpaid') {
    order = await rpc.call(
      OrdersRpc.recordPayment,
      {
        ...command(),
        input: { amount: order.total, method: 'bank_transfer', reference: paymentReference },
      },
      context(hands.finance),
    );
  }
  if (order.status === 'delivered') {
    order = await rpc.call(OrdersRpc.complete, command(), context(hands.rep));
  }
  return order;
}

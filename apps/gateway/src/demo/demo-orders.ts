import { type Order, type OrderStatus, OrdersRpc } from '@salesops/orders-contracts';
import type { IdentityClaims, RpcClient } from '@salesops/rpc';

import { identityOf } from './demo-identity';
import { driveOrder } from './drive-order';

type People = ReadonlyMap<string, { id: string; teamId: string }>;
/** The demo customers of a rep by stage, from `seedDemoCustomers`. */
export type DemoCustomers = ReadonlyMap<string, ReadonlyMap<string, string>>;

const DEMO_PRODUCTS = [
  {
    sku: 'DEMO-AP-100',
    name: 'Air purifier AP-100',
    category: 'home',
    listPrice: '1999.00',
    floorPrice: '1800.00',
    unitCost: '1150.00',
  },
  {
    sku: 'DEMO-FL-20',
    name: 'Replacement filter FL-20',
    category: 'consumables',
    listPrice: '199.90',
    floorPrice: '179.90',
    unitCost: '62.30',
  },
  {
    sku: 'DEMO-WS-5',
    name: 'Water softener WS-5',
    category: 'home',
    listPrice: '5800.00',
    floorPrice: '5200.00',
    unitCost: '3400.00',
  },
] as const;

/** The demo products' ids, for the demo company's past months (demo-history). */
export interface DemoProducts {
  purifier: string;
  filter: string;
  softener: string;
}

/** The path to each state, and the customer stage its order is for. */
const DEMO_ORDERS: { key: string; stage: string; target: OrderStatus; belowFloor?: boolean }[] = [
  { key: 'draft', stage: 'qualified', target: 'draft' },
  { key: 'discount-pending', stage: 'negotiating', target: 'draft', belowFloor: true },
  { key: 'submitted', stage: 'negotiating', target: 'submitted', belowFloor: true },
  { key: 'rejected', stage: 'qualified', target: 'rejected' },
  { key: 'approved', stage: 'negotiating', target: 'approved' },
  { key: 'in-production', stage: 'negotiating', target: 'in_production' },
  { key: 'packed', stage: 'negotiating', target: 'packed' },
  { key: 'shipped', stage: 'negotiating', target: 'shipped' },
  { key: 'delivered', stage: 'negotiating', target: 'delivered' },
  { key: 'completed', stage: 'won', target: 'completed', belowFloor: true },
  { key: 'cancelled', stage: 'qualified', target: 'cancelled' },
];

/**
 * Products (one whose floor demo orders go below) and rep.east1a's orders in every state: a draft
 * waiting for its discount approval, one under review, one rejected, one at each fulfilment step,
 * one completed (paid, with a partial refund), one cancelled. Idempotent: creates carry fixed keys
 * and an order is moved on only from where it stands.
 */
export async function seedDemoOrders(
  rpc: RpcClient,
  people: People,
  customers: DemoCustomers,
): Promise<DemoProducts | null> {
  const rep = people.get('rep.east1a');
  const leader = people.get('leader.east1');
  const ops = people.get('ops.east1');
  const financeMember = people.get('finance') ?? null;
  const own = customers.get('rep.east1a');
  if (!rep || !leader || !ops || !own) return null;
  const asRep = identityOf('sales_rep', 'rep.east1a', rep);
  const asLeader = identityOf('team_leader', 'leader.east1', leader);
  const asOps = identityOf('operations', 'ops.east1', ops);
  const asFinance = identityOf('finance', 'finance', financeMember);
  const asDirector = identityOf('director', 'director', null);
  const hands = { rep: asRep, leader: asLeader, ops: asOps, finance: asFinance };
  const context = (identity: IdentityClaims) => ({
    requestId: 'demo-seed',
    identity,
    timeoutMs: 10_000,
  });

  const products: string[] = [];
  for (const product of DEMO_PRODUCTS) {
    const created = await rpc.call(
      OrdersRpc.createProduct,
      { idempotencyKey: `demo-product-${product.sku}`, input: product },
      context(asDirector),
    );
    products.push(created.id);
  }
  const [purifier, filter, softener] = products as [string, string, string];

  for (const { key, stage, target, belowFloor } of DEMO_ORDERS) {
    const customerId = own.get(stage);
    if (!customerId) continue;
    let order: Order = await rpc.call(
      OrdersRpc.createOrder,
      {
        idempotencyKey: `demo-order-${key}`,
        input: {
          customerId,
          lines: [
            { productId: purifier, quantity: 2, ...(belowFloor ? { unitPrice: '1750.00' } : {}) },
            { productId: filter, quantity: 4 },
            ...(key === 'completed' ? [{ productId: softener, quantity: 1 }] : []),
          ],
        },
      },
      context(asRep),
    );
    // A repeated create answers the order as it was first made: where it stands now is read.
    order = await rpc.call(OrdersRpc.getOrder, { id: order.id }, context(asRep));
    const command = () => ({ id: order.id, expectedVersion: order.version });
    if (target === 'draft') continue;
    if (belowFloor && order.discountStatus === 'pending' && order.status === 'draft') {
      order = await rpc.call(
        OrdersRpc.approveDiscount,
        { ...command(), input: { reason: 'Two units and a year of filters.' } },
        context(asLeader),
      );
    }
    if (target === 'cancelled') {
      if (order.status === 'draft') {
        await rpc.call(
          OrdersRpc.cancel,
          { ...command(), input: { reason: 'The customer chose a smaller model.' } },
          context(asRep),
        );
      }
      continue;
    }
    order = await driveOrder(
      rpc,
      order,
      target === 'rejected' ? 'submitted' : target,
      hands,
      'DEMO-TX-0001',
    );
    if (target === 'rejected') {
      if (order.status === 'submitted') {
        await rpc.call(
          OrdersRpc.reject,
          { ...command(), input: { reason: 'The delivery address is missing.' } },
          context(asLeader),
        );
      }
      continue;
    }
    if (target === 'completed' && order.refundedAmount === '0.00') {
      await rpc.call(
        OrdersRpc.recordRefund,
        { ...command(), input: { amount: '199.90', reason: 'One filter came damaged.' } },
        context(asFinance),
      );
    }
  }
  return { purifier, filter, softener };
}

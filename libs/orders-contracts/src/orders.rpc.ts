import { pingContractOf, tasksContractOf } from '@salesops/contract-kit';
import { handoverContractsOf } from '@salesops/members-contracts';

import { OrderRpc } from './order.rpc';
import { ProductRpc } from './product.rpc';
import { SalesContractRpc } from './sales-contract.rpc';

/** The orders service's request/reply subjects. */
export const OrdersRpc = {
  ping: pingContractOf('orders'),
  /** What waits in orders for the caller (none yet: the orders features add theirs). */
  tasks: tasksContractOf('orders'),
  /** The open orders a member owns, handed over when they depart. */
  openOrders: handoverContractsOf('orders', 'order'),
  ...ProductRpc,
  ...OrderRpc,
  ...SalesContractRpc,
} as const;

import { pingContractOf, tasksContractOf } from '@salesops/contract-kit';
import { handoverContractsOf } from '@salesops/members-contracts';

/** The orders service's request/reply subjects. */
export const OrdersRpc = {
  ping: pingContractOf('orders'),
  /** What waits in orders for the caller (none yet: the orders features add theirs). */
  tasks: tasksContractOf('orders'),
  /** The open orders a member owns, handed over when they depart. */
  openOrders: handoverContractsOf('orders', 'order'),
} as const;

import { pingContractOf } from '@salesops/contract-kit';
import { handoverContractsOf } from '@salesops/members-contracts';

/** The orders service's request/reply subjects. */
export const OrdersRpc = {
  ping: pingContractOf('orders'),
  /** The open orders a member owns, handed over when they depart. */
  openOrders: handoverContractsOf('orders', 'order'),
} as const;

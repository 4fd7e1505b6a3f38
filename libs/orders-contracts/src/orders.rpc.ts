import { handoverContractsOf, pingContractOf } from '@salesops/rpc';

/** The orders service's request/reply subjects. */
export const OrdersRpc = {
  ping: pingContractOf('orders'),
  /** The open orders a member owns, handed over when they depart. */
  openOrders: handoverContractsOf('orders', 'order'),
} as const;

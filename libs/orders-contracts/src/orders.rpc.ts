import { pingContractOf } from '@salesops/rpc';

/** The orders service's request/reply subjects. */
export const OrdersRpc = {
  ping: pingContractOf('orders'),
} as const;

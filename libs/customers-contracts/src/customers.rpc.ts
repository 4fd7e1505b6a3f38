import { pingContractOf } from '@salesops/rpc';

/** The customers service's request/reply subjects. */
export const CustomersRpc = {
  ping: pingContractOf('customers'),
} as const;

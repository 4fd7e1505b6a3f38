import { pingContractOf } from '@salesops/rpc';

/** The performance service's request/reply subjects. */
export const PerformanceRpc = {
  ping: pingContractOf('performance'),
} as const;

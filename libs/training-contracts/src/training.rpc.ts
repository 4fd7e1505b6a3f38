import { pingContractOf } from '@salesops/rpc';

/** The training service's request/reply subjects. */
export const TrainingRpc = {
  ping: pingContractOf('training'),
} as const;

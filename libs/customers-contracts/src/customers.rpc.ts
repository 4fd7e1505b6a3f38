import { pingContractOf, tasksContractOf } from '@salesops/contract-kit';
import { handoverContractsOf } from '@salesops/members-contracts';

/** The customers service's request/reply subjects. */
export const CustomersRpc = {
  ping: pingContractOf('customers'),
  /** What waits in customers for the caller (none yet: the customers features add theirs). */
  tasks: tasksContractOf('customers'),
  /** The customers a member owns, handed over when they depart. */
  customers: handoverContractsOf('customers', 'customer'),
} as const;

import { pingContractOf, tasksContractOf } from '@salesops/contract-kit';
import { handoverContractsOf } from '@salesops/members-contracts';

import { ComplaintRpc } from './complaint.rpc';
import { RevisitRpc } from './revisit.rpc';
import { CareReminderRpc } from './care-reminder.rpc';
import { CustomerImportRpc, CustomerRpc } from './customer.rpc';
import { PoolRpc } from './pool.rpc';
import { VisitRpc } from './visit.rpc';

/** The customers service's request/reply subjects. */
export const CustomersRpc = {
  ping: pingContractOf('customers'),
  /** Follow-ups due today or overdue, for their owner. */
  tasks: tasksContractOf('customers'),
  /** The customers a member owns, handed over when they depart. */
  customers: handoverContractsOf('customers', 'customer'),
  ...CustomerRpc,
  ...CustomerImportRpc,
  ...ComplaintRpc,
  ...RevisitRpc,
  ...PoolRpc,
  ...VisitRpc,
  ...CareReminderRpc,
} as const;

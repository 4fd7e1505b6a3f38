import { pingContractOf, tasksContractOf } from '@salesops/contract-kit';

import { ApplicationRpc } from './application.rpc';
import { LeaveRpc } from './leave.rpc';
import { MemberRpc } from './member.rpc';
import { MemberLifecycleRpc } from './member-lifecycle.rpc';
import { PromotionRpc } from './promotion.rpc';
import { RecordRpc } from './record.rpc';
import { TeamRpc } from './team.rpc';

/** The members service's request/reply subjects, one file per entity. */
export const MembersRpc = {
  ping: pingContractOf('members'),
  /** Promotions to assess or decide, sanctions to approve, leave to decide, probations due. */
  tasks: tasksContractOf('members'),
  ...TeamRpc,
  ...MemberRpc,
  ...MemberLifecycleRpc,
  ...ApplicationRpc,
  ...RecordRpc,
  ...PromotionRpc,
  ...LeaveRpc,
} as const;

import { MembersRpc } from '@salesops/members-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

const decision = (decision: 'approve' | 'reject' | 'cancel', summary: string) =>
  route.command(MembersRpc.decideLeave, { path: `:id/${decision}`, summary, fixed: { decision } });

export const LeaveRequestsController = rpcController(
  'LeaveRequests',
  { path: 'leave-requests', tag: 'leave' },
  {
    request: route.create(MembersRpc.requestLeave, {
      summary: 'Ask for leave (for oneself, or a leader for a member of the team)',
    }),
    list: route.list(MembersRpc.listLeaveRequests, {
      summary: 'List leave requests, newest first',
    }),
    approve: decision('approve', "Approve a member's leave (their leader)"),
    reject: decision('reject', "Reject a member's leave (their leader)"),
    cancel: decision('cancel', 'Cancel one’s own pending leave request'),
  },
);

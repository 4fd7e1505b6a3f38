import { leaveRejectionInputSchema, MembersRpc } from '@salesops/members-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

const decision = (decision: 'approve' | 'reject' | 'cancel', summary: string) =>
  route.command(MembersRpc.decideLeave, { path: `:id/${decision}`, summary, fixed: { decision } });

/** A rejection may say why; a request without a body rejects without a reason. */
const leaveRejectionBodySchema = leaveRejectionInputSchema.default({});

export const LeaveRequestsController = rpcController(
  'LeaveRequests',
  { path: 'leave-requests', tag: 'leave' },
  {
    request: route.create(MembersRpc.requestLeave, {
      summary: 'Ask for leave (for oneself, or a leader for a member of the team)',
      located: true,
    }),
    get: route.get(MembersRpc.getLeaveRequest, {
      summary: 'One leave request, in the same reach as the list',
    }),
    list: route.list(MembersRpc.listLeaveRequests, {
      summary: 'List leave requests, newest first',
    }),
    approve: decision('approve', "Approve a member's leave (their leader)"),
    reject: route.command(MembersRpc.decideLeave, {
      path: ':id/reject',
      summary: "Reject a member's leave (their leader), saying why if one will",
      body: leaveRejectionBodySchema,
      request: ({ params, expectedVersion, body }) => ({
        id: params.id,
        expectedVersion,
        decision: 'reject' as const,
        ...body,
      }),
    }),
    cancel: decision('cancel', 'Cancel one’s own pending leave request'),
  },
);

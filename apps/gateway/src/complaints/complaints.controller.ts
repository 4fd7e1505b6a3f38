import { CustomersRpc } from '@salesops/customers-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const ComplaintsController = rpcController(
  'Complaints',
  { path: 'complaints', tag: 'customers' },
  {
    create: route.create(CustomersRpc.createComplaint, {
      summary:
        "Receive a complaint of a customer in your reach; handled by customer service of the customer's team unless `handlerId` names another member of it",
      located: true,
    }),
    list: route.list(CustomersRpc.listComplaints, {
      summary: 'List complaints in your reach, newest first',
    }),
    report: route.list(CustomersRpc.complaintReport, {
      path: 'report',
      summary:
        'Complaints received in a company month by root cause, team and severity, with breach rates',
    }),
    get: route.get(CustomersRpc.getComplaint, { summary: 'Get a complaint' }),
    acknowledge: route.command(CustomersRpc.acknowledgeComplaint, {
      path: ':id/acknowledge',
      summary: 'Acknowledge a received complaint (late after `ackDueAt`: `ackBreached`)',
    }),
    investigate: route.command(CustomersRpc.investigateComplaint, {
      path: ':id/investigate',
      summary: 'Start investigating an acknowledged complaint',
    }),
    resolve: route.command(CustomersRpc.resolveComplaint, {
      path: ':id/resolve',
      summary:
        'Resolve a complaint under investigation with the resolution, its root cause and the responsible member',
    }),
    close: route.command(CustomersRpc.closeComplaint, {
      path: ':id/close',
      summary: "Close a resolved complaint with the customer's satisfaction (1–5)",
    }),
    reopen: route.command(CustomersRpc.reopenComplaint, {
      path: ':id/reopen',
      summary: 'Reopen a resolved or closed complaint, back to investigating, with the reason',
    }),
  },
);

import { CustomersRpc } from '@salesops/customers-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const VisitsController = rpcController(
  'Visits',
  { path: 'visits', tag: 'customers' },
  {
    plan: route.create(CustomersRpc.planVisit, {
      summary: 'Plan a visit to a customer you reach (purpose, key points, time)',
      located: true,
    }),
    get: route.get(CustomersRpc.getVisit, {
      summary: "One visit (a rep: their own; leaders: their teams')",
    }),
    list: route.list(CustomersRpc.listVisits, {
      summary:
        "List visits (a rep: their own; leaders: their teams'), latest first; `overdue=true` for those flagged overdue",
    }),
    complete: route.command(CustomersRpc.completeVisit, {
      path: ':id/complete',
      summary:
        "Complete a planned visit with its summary (effect, lessons) and outcome: it counts as a follow-up (the customer's last contact moves)",
    }),
    cancel: route.command(CustomersRpc.cancelVisit, {
      path: ':id/cancel',
      summary: 'Cancel a planned visit, with the reason',
    }),
  },
);

import { CustomersRpc } from '@salesops/customers-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const RevisitsController = rpcController(
  'Revisits',
  { path: 'revisits', tag: 'customers' },
  {
    list: route.list(CustomersRpc.listRevisits, {
      summary:
        'Revisits of customers in your reach, soonest due first: after a delivery, then periodically',
    }),
    complete: route.action(CustomersRpc.completeRevisit, {
      path: ':id/complete',
      summary:
        "Complete a revisit with the customer's satisfaction (1–5) and notes; the next one falls due while the customer is active",
    }),
  },
);

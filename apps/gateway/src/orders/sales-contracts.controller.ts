import { OrdersRpc } from '@salesops/orders-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const SalesContractsController = rpcController(
  'Contracts',
  { path: 'contracts', tag: 'orders' },
  {
    create: route.create(OrdersRpc.createContract, {
      summary:
        'Draft a contract for a customer in your reach (amount, delivery, payment, after-sales)',
      located: true,
    }),
    list: route.list(OrdersRpc.listContracts, { summary: 'List contracts in your reach' }),
    get: route.get(OrdersRpc.getContract, { summary: 'Get a contract' }),
    submit: route.command(OrdersRpc.submitContract, {
      path: ':id/submit',
      summary: 'Submit a draft contract for review',
    }),
    approve: route.command(OrdersRpc.approveContract, {
      path: ':id/approve',
      summary: 'Approve a contract under review (a leader or above who did not create it)',
    }),
    sign: route.command(OrdersRpc.signContract, {
      path: ':id/sign',
      summary: 'Record an approved contract as signed',
    }),
    complete: route.command(OrdersRpc.completeContract, {
      path: ':id/complete',
      summary: 'Complete a signed contract',
    }),
    terminate: route.command(OrdersRpc.terminateContract, {
      path: ':id/terminate',
      summary: 'Terminate a contract that is not completed, with the reason',
    }),
  },
);

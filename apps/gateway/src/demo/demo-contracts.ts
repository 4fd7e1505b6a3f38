import {
  OrdersRpc,
  type SalesContract,
  type SalesContractStatus,
} from '@salesops/orders-contracts';
import type { IdentityClaims, RpcClient } from '@salesops/rpc';

import { identityOf } from './demo-identity';
import type { DemoCustomers } from './demo-orders';

type People = ReadonlyMap<string, { id: string; teamId: string }>;

/** The path to each state, and the customer stage its contract is for. */
const DEMO_CONTRACTS: { target: SalesContractStatus; stage: string; amount: string }[] = [
  { target: 'draft', stage: 'qualified', amount: '3998.00' },
  { target: 'under_review', stage: 'negotiating', amount: '11600.00' },
  { target: 'signed', stage: 'negotiating', amount: '7798.00' },
  { target: 'completed', stage: 'won', amount: '9599.60' },
  { target: 'terminated', stage: 'lost', amount: '5800.00' },
];

const PATH: SalesContractStatus[] = ['draft', 'under_review', 'signed', 'completed'];

/**
 * rep.east1a's contracts in every state: a draft, one under review (waiting for the leader's
 * approval), one signed, one completed and one terminated after signing. Idempotent: creates
 * carry fixed keys and a contract is moved on only from where it stands.
 */
export async function seedDemoContracts(
  rpc: RpcClient,
  people: People,
  customers: DemoCustomers,
): Promise<void> {
  const rep = people.get('rep.east1a');
  const leader = people.get('leader.east1');
  const own = customers.get('rep.east1a');
  if (!rep || !leader || !own) return;
  const asRep = identityOf('sales_rep', 'rep.east1a', rep);
  const asLeader = identityOf('team_leader', 'leader.east1', leader);
  const context = (identity: IdentityClaims) => ({
    requestId: 'demo-seed',
    identity,
    timeoutMs: 10_000,
  });

  for (const { target, stage, amount } of DEMO_CONTRACTS) {
    const customerId = own.get(stage);
    if (!customerId) continue;
    const created = await rpc.call(
      OrdersRpc.createContract,
      {
        idempotencyKey: `demo-contract-${target}`,
        input: {
          customerId,
          amount,
          deliveryDate: '2026-12-15',
          paymentMethod: 'bank_transfer',
          afterSalesTerms:
            'Two years of on-site service; filters replaced free for the first year.',
        },
      },
      context(asRep),
    );
    // A repeated create answers the contract as it was first made: where it stands now is read.
    let contract: SalesContract = await rpc.call(
      OrdersRpc.getContract,
      { id: created.id },
      context(asRep),
    );
    const command = () => ({ id: contract.id, expectedVersion: contract.version });
    // A terminated contract was signed first: the demo shows a deal that fell through.
    const reach = target === 'terminated' ? 'signed' : target;
    const before = (status: SalesContractStatus) =>
      contract.status !== 'terminated' && PATH.indexOf(contract.status) < PATH.indexOf(status);
    if (before('under_review') && PATH.indexOf(reach) >= PATH.indexOf('under_review')) {
      contract = await rpc.call(OrdersRpc.submitContract, command(), context(asRep));
    }
    if (
      contract.status === 'under_review' &&
      !contract.approvedBy &&
      PATH.indexOf(reach) >= PATH.indexOf('signed')
    ) {
      contract = await rpc.call(
        OrdersRpc.approveContract,
        { ...command(), input: { reason: 'Terms checked against the price list.' } },
        context(asLeader),
      );
    }
    if (before('signed') && PATH.indexOf(reach) >= PATH.indexOf('signed')) {
      contract = await rpc.call(OrdersRpc.signContract, command(), context(asRep));
    }
    if (target === 'completed' && contract.status === 'signed') {
      await rpc.call(OrdersRpc.completeContract, command(), context(asRep));
    }
    if (target === 'terminated' && contract.status === 'signed') {
      await rpc.call(
        OrdersRpc.terminateContract,
        { ...command(), input: { reason: 'The customer moved abroad before delivery.' } },
        context(asRep),
      );
    }
  }
}

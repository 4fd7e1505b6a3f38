import type { CompanyCalendar } from '@salesops/calendar';
import { CustomersRpc } from '@salesops/customers-contracts';
import { DomainError, type IdentityClaims, type RpcClient } from '@salesops/rpc';

import { identityOf } from './demo-identity';

type People = ReadonlyMap<string, { id: string; teamId: string }>;

const HOUR_MS = 60 * 60 * 1000;

/** Answers that mean a step was done by an earlier load of the demo. */
const DONE_BEFORE = ['VISIT_NOT_PLANNED', 'CUSTOMER_NOT_FOUND', 'POOL_CUSTOMER_IN_POOL'];

async function once(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof DomainError) || !DONE_BEFORE.includes(error.code)) throw error;
  }
}

/**
 * rep.east1a's visits (one planned, one done, one overdue, flagged by the sweep), a customer of
 * theirs whose birthday is today (a greeting on their list), and claimable customers in East Team
 * 1's pool, released there by rep.east1b. Idempotent: fixed keys, and a step an earlier load did
 * is answered as done.
 */
export async function seedDemoCustomerCare(
  rpc: RpcClient,
  people: People,
  customers: Map<string, Map<string, string>>,
  calendar: CompanyCalendar,
): Promise<void> {
  const rep = people.get('rep.east1a');
  const colleague = people.get('rep.east1b');
  const own = customers.get('rep.east1a');
  if (!rep || !colleague || !own) return;
  const context = (identity: IdentityClaims) => ({
    requestId: 'demo-seed',
    identity,
    timeoutMs: 10_000,
  });
  const asRep = context(identityOf('sales_rep', 'rep.east1a', rep));
  const asColleague = context(identityOf('sales_rep', 'rep.east1b', colleague));
  // Dated from the company day and keyed by it: a second load that day repeats the same
  // request, a load on a later day plans that day's visits.
  const today = calendar.dayOf(new Date());
  const plan = (key: string, customerId: string, inDays: number, purpose: string) =>
    rpc.call(
      CustomersRpc.planVisit,
      {
        idempotencyKey: `demo-visit-${key}-${today}`,
        input: {
          customerId,
          purpose,
          keyPoints: ['bring the catalogue', 'ask about the budget and timing'],
          scheduledAt: new Date(
            calendar.startOfDay(calendar.addDays(today, inDays)).getTime() + 10 * HOUR_MS,
          ).toISOString(),
        },
      },
      asRep,
    );

  const qualified = own.get('qualified');
  const negotiating = own.get('negotiating');
  const contacted = own.get('contacted');
  if (qualified) await plan('planned', qualified, 3, 'Present the membership plans');
  if (negotiating) {
    const done = await plan('done', negotiating, -2, 'Agree the terms of the first order');
    await once(() =>
      rpc.call(
        CustomersRpc.completeVisit,
        {
          id: done.id,
          expectedVersion: null,
          input: {
            summary: {
              effect: 'Terms agreed; the customer wants delivery next month.',
              lessons: 'Bring the price list in print: they compare on paper.',
            },
            outcome: 'order expected',
          },
        },
        asRep,
      ),
    );
  }
  if (contacted) await plan('overdue', contacted, -6, 'Meet the purchasing manager');

  await rpc.call(
    CustomersRpc.createCustomer,
    {
      idempotencyKey: `demo-birthday-${today}`,
      input: {
        name: 'Ma Li',
        phone: `17097${today.replace(/-/g, '').slice(2)}`,
        birthday: `1988-${today.slice(5)}`,
        channel: 'referral',
        intent: 'B',
        tags: ['demo'],
      },
    },
    asRep,
  );

  for (let n = 0; n < 3; n += 1) {
    const pooled = await rpc.call(
      CustomersRpc.createCustomer,
      {
        idempotencyKey: `demo-pool-${n}`,
        input: {
          name: `Pool Lead ${n + 1}`,
          phone: `17098${String(n).padStart(6, '0')}`,
          channel: 'online',
          intent: 'C',
        },
      },
      asColleague,
    );
    await once(() =>
      rpc.call(
        CustomersRpc.releaseToPool,
        { customerId: pooled.id, input: { reason: 'No time to follow up: for a colleague' } },
        asColleague,
      ),
    );
  }
}

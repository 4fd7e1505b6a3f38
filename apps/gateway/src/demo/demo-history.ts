import { renameSync, writeFileSync } from 'node:fs';

import type { CompanyCalendar } from '@salesops/calendar';
import { fromMinor, toMinor } from '@salesops/contract-kit';
import { CustomersRpc } from '@salesops/customers-contracts';
import { type Order, OrdersRpc } from '@salesops/orders-contracts';
import { PerformanceRpc } from '@salesops/performance-contracts';
import { DomainError, type IdentityClaims, type RpcClient } from '@salesops/rpc';
import { TrainingRpc } from '@salesops/training-contracts';

import type { DemoProducts } from './demo-orders';
import { identityOf } from './demo-identity';
import { driveOrder } from './drive-order';

type People = ReadonlyMap<string, { id: string; teamId: string }>;

/** How many months before the current one the demo company has worked. */
export const DEMO_HISTORY_MONTHS = 3;
const HOUR_MS = 60 * 60 * 1000;
const HISTORY_TAG = 'history';

/** Each month's deals of a rep: purifiers and filters per order; one refund in the middle month. */
const DEALS: Record<string, { purifiers: number; filters: number }[]> = {
  'rep.east1a': [
    { purifiers: 2, filters: 4 },
    { purifiers: 1, filters: 2 },
  ],
  'rep.east1b': [{ purifiers: 1, filters: 6 }],
};
/** The reps with sales in each of the demo's past months: hired before the first of them. */
export const DEMO_HISTORY_REPS = Object.keys(DEALS);
/**
 * Each month's targets the leader sets for the reps (the team's is their sum), so sales amount,
 * new customers and orders completed score against a target and teams rank by sales vs target.
 */
const TARGETS: Record<
  string,
  { salesAmount: string; newCustomers: number; ordersCompleted: number }
> = {
  'rep.east1a': { salesAmount: '6000.00', newCustomers: 2, ordersCompleted: 2 },
  'rep.east1b': { salesAmount: '3500.00', newCustomers: 1, ordersCompleted: 1 },
};
const NAMES = ['Zhou Min', 'Han Lei', 'Feng Jing', 'Tang Wei', 'Yuan Li', 'Xu Dan'];

/**
 * The demo company's last three months, made by the real commands, not written into the facts:
 * the whole stack's clock (the `TEST_CLOCK_FILE` every process reads, never in production) runs
 * from the 12th of each past month while the reps register that month's customers, whose orders go
 * through every step (paid, completed, one partly refunded) and whom customer service then calls
 * on (the revisit after delivery), and attend that month's product training; the services stamp
 * their records and events with that clock, so performance counts each month's facts in their
 * month, and each month's end freezes its rankings when the clock passes it. The clock is set back to the system's at the end. Loaded
 * once: a company that already has its history (customers tagged `history`) is left as it is.
 */
export async function seedDemoHistory(
  rpc: RpcClient,
  people: People,
  { products, course }: { products: DemoProducts; course: string | null },
  calendar: CompanyCalendar,
  clockFile: string | undefined,
  log: (line: string) => void,
): Promise<void> {
  const leader = people.get('leader.east1');
  const ops = people.get('ops.east1');
  const first = people.get('rep.east1a');
  if (!leader || !ops || !first) return;
  if (!clockFile) {
    log('demo history skipped: the services share no movable clock (TEST_CLOCK_FILE)');
    return;
  }
  const context = (identity: IdentityClaims) => ({
    requestId: 'demo-seed',
    identity,
    timeoutMs: 10_000,
  });
  const asLeader = identityOf('team_leader', 'leader.east1', leader);
  const asOps = identityOf('operations', 'ops.east1', ops);
  const asFinance = identityOf('finance', 'finance', people.get('finance') ?? null);
  const trainer = people.get('trainer') ?? null;
  const asTrainer = identityOf('trainer', 'trainer', trainer);
  const service = people.get('service.east1');
  const asService = service ? identityOf('customer_service', 'service.east1', service) : null;
  const hands = (asRep: IdentityClaims) => ({
    rep: asRep,
    leader: asLeader,
    ops: asOps,
    finance: asFinance,
  });
  const loaded = await rpc.call(
    CustomersRpc.listCustomers,
    { tag: HISTORY_TAG, limit: 1 },
    context(identityOf('sales_rep', 'rep.east1a', first)),
  );
  if (loaded.items.length > 0) return;

  const setClock = (at: number | null) => {
    // Written whole and renamed: a process never reads half a setting.
    const next = `${clockFile}.next`;
    writeFileSync(next, at === null ? '' : JSON.stringify({ offsetMs: at - Date.now() }));
    renameSync(next, clockFile);
  };
  const setTargets = async (period: string) => {
    let teamMinor = 0n;
    for (const [username, target] of Object.entries(TARGETS)) {
      const rep = people.get(username);
      if (!rep) continue;
      // Performance knows the rep once its roster has the hire.
      await until(`${username}'s target of ${period}`, () =>
        rpc.call(
          PerformanceRpc.putTarget,
          { input: { period, memberId: rep.id, ...target } },
          context(asLeader),
        ),
      );
      teamMinor += toMinor(target.salesAmount);
    }
    await until(`East Team 1's target of ${period}`, () =>
      rpc.call(
        PerformanceRpc.putTarget,
        { input: { period, teamId: leader.teamId, salesAmount: fromMinor(teamMinor) } },
        context(asLeader),
      ),
    );
  };
  try {
    for (let back = DEMO_HISTORY_MONTHS; back >= 1; back -= 1) {
      const { period, start } = monthBefore(calendar, back);
      setClock(start);
      await setTargets(period);
      const expected = new Map<string, { salesMinor: bigint; customerIds: string[] }>();
      const orderIds: string[] = [];
      for (const [repIndex, [username, deals]] of Object.entries(DEALS).entries()) {
        const rep = people.get(username);
        if (!rep) continue;
        const asRep = identityOf('sales_rep', username, rep);
        let salesMinor = 0n;
        const customerIds: string[] = [];
        for (const [n, deal] of deals.entries()) {
          const key = `demo-history-${period}-${username}-${n}`;
          const customer = await rpc.call(
            CustomersRpc.createCustomer,
            {
              idempotencyKey: key,
              input: {
                name: NAMES[(repIndex * 2 + n + back) % NAMES.length] as string,
                phone: `171${String(back)}${String(repIndex)}${String(n).padStart(6, '0')}`,
                channel: n % 2 === 0 ? 'referral' : 'wecom',
                intent: 'A',
                tags: ['demo', HISTORY_TAG],
              },
            },
            // The rep registers the lead: it counts as their new customer.
            context(asRep),
          );
          customerIds.push(customer.id);
          let order: Order = await rpc.call(
            OrdersRpc.createOrder,
            {
              idempotencyKey: key,
              input: {
                customerId: customer.id,
                lines: [
                  { productId: products.purifier, quantity: deal.purifiers },
                  { productId: products.filter, quantity: deal.filters },
                ],
              },
            },
            context(asRep),
          );
          order = await driveOrder(rpc, order, 'completed', hands(asRep), `DEMO-${key}`);
          orderIds.push(order.id);
          salesMinor += toMinor(order.total);
          if (back === 2 && n === 0) {
            await rpc.call(
              OrdersRpc.recordRefund,
              {
                id: order.id,
                expectedVersion: order.version,
                input: { amount: '199.90', reason: 'One filter came damaged.' },
              },
              context(asFinance),
            );
            salesMinor -= toMinor('199.90');
          }
        }
        expected.set(rep.id, { salesMinor, customerIds });
      }
      // Customer service calls on each customer after the delivery (the revisit it made due).
      for (const [n, orderId] of orderIds.entries()) {
        if (!asService) break;
        const revisit = await until(`the revisit after ${period}'s delivery`, async () => {
          const page = await rpc.call(
            CustomersRpc.listRevisits,
            { orderId, limit: 1 },
            context(asService),
          );
          return page.items[0];
        });
        if (revisit.status !== 'due') continue;
        await rpc.call(
          CustomersRpc.completeRevisit,
          {
            id: revisit.id,
            input: { satisfaction: n % 3 === 2 ? 4 : 5, notes: 'Happy with the purifier.' },
          },
          context(asService),
        );
      }
      // The month's product training: the reps attend its session, the trainer records it.
      if (course) {
        const session = await rpc.call(
          TrainingRpc.createSession,
          {
            idempotencyKey: `demo-history-session-${period}`,
            input: {
              courseId: course,
              trainer: { memberId: trainer?.id ?? null, name: 'Liu Yang' },
              startsAt: new Date(start).toISOString(),
              location: 'Shanghai office, room 3',
              capacity: 12,
              waitlist: false,
            },
          },
          context(asTrainer),
        );
        const attendees = [...expected.keys()];
        for (const [username, rep] of people) {
          if (!attendees.includes(rep.id)) continue;
          await rpc.call(
            TrainingRpc.enroll,
            { id: session.id, input: {} },
            context(identityOf('sales_rep', username, rep)),
          );
        }
        await rpc.call(
          TrainingRpc.recordAttendance,
          {
            id: session.id,
            input: {
              records: attendees.map((memberId) => ({ memberId, status: 'present' as const })),
            },
          },
          context(asTrainer),
        );
      }
      // The month's customers are won and its facts counted before the clock passes its end
      // (which freezes its rankings).
      await until(`the demo's sales of ${period} counted`, async () => {
        for (const [memberId, { salesMinor, customerIds }] of expected) {
          for (const id of customerIds) {
            const customer = await rpc.call(CustomersRpc.getCustomer, { id }, context(asLeader));
            if (customer.stage !== 'won') return seen(`customer ${id} at ${customer.stage}`);
          }
          const { kpis } = await rpc.call(
            PerformanceRpc.scorecard,
            { memberId, period },
            context(asLeader),
          );
          const sales = kpis['salesAmount'];
          const counted =
            typeof sales === 'string' &&
            toMinor(sales) === salesMinor &&
            kpis['newCustomers'] === customerIds.length &&
            kpis['conversionRate'] === 100 &&
            (!asService || kpis['satisfaction'] !== null) &&
            (!course || kpis['trainingParticipation'] !== null);
          if (!counted) return seen(`${memberId}: ${JSON.stringify(kpis)}, ${salesMinor} expected`);
        }
        return true;
      });
      log(`demo history: ${period} loaded`);
    }
    await setTargets(calendar.monthOf(new Date()));
  } finally {
    setClock(null);
  }
}

/** The company month `back` months before the current one, and 10:00 on its 12th. */
function monthBefore(calendar: CompanyCalendar, back: number): { period: string; start: number } {
  const period = calendar.addMonths(calendar.monthOf(new Date()), -back);
  return { period, start: calendar.startOfDay(`${period}-12`).getTime() + 10 * HOUR_MS };
}

let lastSeen = '';
/** Keeps what a condition saw for the message when it never holds. */
function seen(what: string): false {
  lastSeen = what;
  return false;
}

/** What the condition answers once it answers something (not false, not undefined), by a deadline. */
async function until<T>(what: string, condition: () => Promise<T | false | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  lastSeen = '';
  for (;;) {
    try {
      const answer = await condition();
      if (answer !== false && answer !== undefined) return answer;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      lastSeen = error.code;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastSeen ? ` (last: ${lastSeen})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

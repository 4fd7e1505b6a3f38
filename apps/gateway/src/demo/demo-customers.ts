import { type CreateCustomerInput, CustomersRpc } from '@salesops/customers-contracts';
import { DomainError, type IdentityClaims, type RpcClient } from '@salesops/rpc';

import { identityOf } from './demo-identity';

type People = ReadonlyMap<string, { id: string; teamId: string }>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Each demo rep and their team's leader, and the leads the rep registers this week themself. */
const DEMO_REPS = [
  { rep: 'rep.east1a', leader: 'leader.east1', ownLeads: 6 },
  { rep: 'rep.east1b', leader: 'leader.east1', ownLeads: 2 },
  { rep: 'rep.west1a', leader: 'leader.west1', ownLeads: 3 },
];

/** One customer per stage, and what takes it there after its first follow-up. */
const STAGES = ['lead', 'contacted', 'qualified', 'negotiating', 'won', 'lost', 'dormant'] as const;

const NAMES = ['Qin Hao', 'Lu Yan', 'Jiang Bo', 'Cao Ying', 'Peng Fei', 'Deng Jie', 'Xie Na'];

/** A demo phone no real person has: the 170 range, by rep and number. */
const phoneOf = (repIndex: number, n: number) =>
  `170${String(repIndex).padStart(2, '0')}${String(n).padStart(6, '0')}`;

/**
 * Customers in every stage for each demo rep (given by the team leader, as leads are assigned),
 * follow-ups (some overdue, so the reps' to-do lists show them), and the leads each rep registers
 * this week: some reps end under the weekly quota. Idempotent: creates carry fixed keys and a
 * stage is only set on a customer still at `lead`.
 */
export async function seedDemoCustomers(
  rpc: RpcClient,
  people: People,
  log: (line: string) => void,
): Promise<Map<string, Map<string, string>>> {
  const byRep = new Map<string, Map<string, string>>();
  const context = (identity: IdentityClaims) => ({
    requestId: 'demo-seed',
    identity,
    timeoutMs: 10_000,
  });
  for (const [index, { rep, leader, ownLeads }] of DEMO_REPS.entries()) {
    const repMember = people.get(rep);
    const leaderMember = people.get(leader);
    if (!repMember || !leaderMember) continue;
    const asRep = identityOf('sales_rep', rep, repMember);
    const asLeader = identityOf('team_leader', leader, leaderMember);
    const register = (identity: IdentityClaims, key: string, input: CreateCustomerInput) =>
      // The customers service learns the rep from the members events: give it a moment.
      retryWhileOwnerUnknown(() =>
        rpc.call(CustomersRpc.createCustomer, { idempotencyKey: key, input }, context(identity)),
      );
    for (const [n, stage] of STAGES.entries()) {
      const created = await register(asLeader, `demo-customer-${rep}-${stage}`, {
        name: NAMES[n] as string,
        phone: phoneOf(index, n),
        wechatId: `wx_demo_${index}_${n}`,
        email: `customer${index}${n}@example.com`,
        address: `Hangzhou, Xihu District, ${n + 1} Wensan Road`,
        birthday: `198${n}-0${n + 1}-1${n}`,
        channel:
          (['referral', 'online', 'event', 'wecom', 'phone', 'walk_in', 'social_media'] as const)[
            n
          ] ?? 'online',
        intent: (['A', 'B', 'C', 'D'] as const)[n % 4] ?? 'C',
        tags: n % 2 === 0 ? ['demo'] : ['demo', 'vip'],
        ownerId: repMember.id,
      });
      byRep.set(rep, (byRep.get(rep) ?? new Map<string, string>()).set(stage, created.id));
      const current = await rpc.call(CustomersRpc.getCustomer, { id: created.id }, context(asRep));
      if (current.stage !== 'lead' || stage === 'lead') continue;
      await rpc.call(
        CustomersRpc.logFollowUp,
        {
          customerId: created.id,
          input: {
            channel: n % 2 === 0 ? 'call' : 'wechat',
            content: 'Introduced the products and agreed to talk again.',
            outcome: 'interested',
            // Every other one is overdue: the rep's to-do list shows it.
            nextFollowUpAt: new Date(Date.now() + (n % 2 === 0 ? -1 : 3) * DAY_MS).toISOString(),
          },
        },
        context(asRep),
      );
      const command = { id: created.id, expectedVersion: null };
      if (stage === 'qualified' || stage === 'negotiating' || stage === 'won') {
        await rpc.call(
          CustomersRpc.advance,
          { ...command, input: { stage: 'qualified' } },
          context(asRep),
        );
      }
      if (stage === 'negotiating' || stage === 'won') {
        await rpc.call(
          CustomersRpc.advance,
          { ...command, input: { stage: 'negotiating' } },
          context(asRep),
        );
      }
      if (stage === 'won') await rpc.call(CustomersRpc.markWon, command, context(asLeader));
      if (stage === 'lost') {
        await rpc.call(
          CustomersRpc.markLost,
          { ...command, input: { reason: 'Bought from a competitor.' } },
          context(asRep),
        );
      }
      if (stage === 'dormant') {
        await rpc.call(
          CustomersRpc.markDormant,
          { ...command, input: { reason: 'No answer for weeks.' } },
          context(asRep),
        );
      }
    }
    for (let n = 0; n < ownLeads; n += 1) {
      await register(asRep, `demo-lead-${rep}-${n}`, {
        name: `Lead ${index}-${n}`,
        phone: phoneOf(index, 100 + n),
        channel: 'online',
      });
    }
  }
  await refuseDemoDuplicate(rpc, people, context, log);
  return byRep;
}

/** One person registered twice is refused, naming only the holder's team (shown in the log). */
async function refuseDemoDuplicate(
  rpc: RpcClient,
  people: People,
  context: (identity: IdentityClaims) => {
    requestId: string;
    identity: IdentityClaims;
    timeoutMs: number;
  },
  log: (line: string) => void,
): Promise<void> {
  const member = people.get('rep.west1a');
  if (!member) return;
  try {
    await rpc.call(
      CustomersRpc.createCustomer,
      {
        idempotencyKey: null,
        input: { name: 'Qin Hao', phone: `+86 ${phoneOf(0, 0)}`, channel: 'referral' },
      },
      context(identityOf('sales_rep', 'rep.west1a', member)),
    );
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'CUSTOMER_DUPLICATE') throw error;
    log(
      `demo duplicate refused: ${error.code} (held by team ${String(error.details?.['teamName'])})`,
    );
  }
}

async function retryWhileOwnerUnknown<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const unknownYet = error instanceof DomainError && error.code === 'CUSTOMER_OWNER_INVALID';
      if (!unknownYet || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

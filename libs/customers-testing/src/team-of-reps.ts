import { randomUUID } from 'node:crypto';

import { CustomersRpc } from '@salesops/customers-contracts';
import { type CreateTeamInput, MembersRpc } from '@salesops/members-contracts';
import type { IdentityClaims, RpcClient } from '@salesops/rpc';
import { identityOf, waitFor } from '@salesops/testing';

const context = (identity: IdentityClaims) => ({ requestId: randomUUID(), identity });

/**
 * A team of `reps` sales reps hired through members, known to customers (through the members
 * events) before it returns; with the identities of its leader (with a member id of their own),
 * its reps and its customer service.
 */
export async function teamOfReps(
  rpc: RpcClient,
  reps: number,
  settings: CreateTeamInput['settings'] = {},
) {
  const director = identityOf('director', 'company');
  const team = await rpc.call(
    MembersRpc.createTeam,
    {
      idempotencyKey: null,
      input: { name: `Team ${randomUUID()}`, kind: 'online_sales', settings },
    },
    context(director),
  );
  const repIds: string[] = [];
  for (let i = 0; i < reps; i += 1) {
    const member = await rpc.call(
      MembersRpc.createMember,
      {
        idempotencyKey: null,
        input: {
          employeeNo: `C-${randomUUID().slice(0, 8)}`,
          name: `Rep ${i}`,
          teamId: team.id,
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
        },
      },
      context(director),
    );
    repIds.push(member.id);
  }
  const leader = identityOf('team_leader', 'subtree', { memberId: randomUUID(), teamId: team.id });
  await waitFor(
    async () =>
      (await rpc.call(CustomersRpc.leadQuota, { teamId: team.id }, context(leader))).reps.length ===
      reps,
    { what: 'the team and its reps in the customers projection', timeoutMs: 60_000 },
  );
  return {
    team,
    teamId: team.id,
    leader,
    reps: repIds.map((memberId) => identityOf('sales_rep', 'own', { memberId, teamId: team.id })),
    repIds,
    service: identityOf('customer_service', 'team', { teamId: team.id }),
  };
}

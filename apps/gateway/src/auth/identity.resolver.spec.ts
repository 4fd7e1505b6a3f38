import { MembersRpc } from '@salesops/members-contracts';
import type { CallContext, RpcClient, RpcContract } from '@salesops/rpc';

import { IdentityResolver } from './identity.resolver';

describe('IdentityResolver', () => {
  it("asks the members service for a leader's subtree as the gateway, holding teams:read only", async () => {
    const calls: { contract: RpcContract; context: CallContext }[] = [];
    const rpc = {
      call: (contract: RpcContract, _request: unknown, context: CallContext) => {
        calls.push({ contract, context });
        return Promise.resolve({ teamIds: ['t-1', 't-2'] });
      },
    } as unknown as RpcClient;
    const sut = new IdentityResolver(rpc);

    const identity = await sut.resolve(
      { kind: 'user', id: 'u-1', memberId: 'm-1', teamId: 't-1', roles: ['team_leader'] },
      'r-1',
    );

    expect(identity.scope.teamIds).toEqual(['t-1', 't-2']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.contract).toBe(MembersRpc.teamSubtree);
    expect(calls[0]?.context.identity).toEqual({
      caller: { kind: 'system', id: 'gateway', memberId: null, teamId: null, roles: [] },
      permissions: ['teams:read'],
      scope: { kind: 'company', teamIds: [], memberId: null },
    });
  });
});

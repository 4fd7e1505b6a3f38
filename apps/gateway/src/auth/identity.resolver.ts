import { Inject, Injectable } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import { type Permission, permissionsOf, scopeOf } from '@salesops/policy';
import { backgroundIdentity, type Caller, type IdentityClaims, RpcClient } from '@salesops/rpc';

const SUBTREE_TTL_MS = 30_000;
/** The gateway asks for a subtree in its own name, allowed that and nothing more. */
const SUBTREE_LOOKUP = backgroundIdentity('gateway', ['teams:read']);

/**
 * Turns an authenticated caller into the identity the services receive: permissions from the
 * roles, and the reach in the team tree (a leader's or manager's subtree is asked of the members
 * service and kept for half a minute).
 */
@Injectable()
export class IdentityResolver {
  private readonly subtrees = new Map<string, { teamIds: Promise<string[]>; expires: number }>();

  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  async resolve(caller: Caller, requestId: string): Promise<IdentityClaims> {
    const kind = scopeOf(caller.roles);
    const ownTeam = caller.teamId ? [caller.teamId] : [];
    const teamIds =
      kind === 'subtree' && caller.teamId
        ? await this.subtreeOf(caller.teamId, requestId)
        : kind === 'team' || kind === 'own'
          ? ownTeam
          : [];
    return {
      caller,
      permissions: [...permissionsOf(caller.roles)],
      scope: { kind, teamIds, memberId: caller.memberId },
    };
  }

  /** A key reaches its team's subtree, or the company; it may do what its scopes say, no more. */
  async resolveKey(
    key: { id: string; teamId: string | null; scopes: Permission[] },
    requestId: string,
  ): Promise<IdentityClaims> {
    return {
      caller: { kind: 'api_key', id: key.id, memberId: null, teamId: key.teamId, roles: [] },
      permissions: key.scopes,
      scope: key.teamId
        ? { kind: 'subtree', teamIds: await this.subtreeOf(key.teamId, requestId), memberId: null }
        : { kind: 'company', teamIds: [], memberId: null },
    };
  }

  private subtreeOf(teamId: string, requestId: string): Promise<string[]> {
    const cached = this.subtrees.get(teamId);
    if (cached && cached.expires > Date.now()) return cached.teamIds;
    const teamIds = this.rpc
      .call(MembersRpc.teamSubtree, { id: teamId }, { requestId, identity: SUBTREE_LOOKUP })
      .then((reply) => reply.teamIds);
    this.subtrees.set(teamId, { teamIds, expires: Date.now() + SUBTREE_TTL_MS });
    teamIds.catch(() => this.subtrees.delete(teamId));
    return teamIds;
  }
}

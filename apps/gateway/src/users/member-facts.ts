import { Inject, Injectable } from '@nestjs/common';

import { type Member, MembersRpc } from '@salesops/members-contracts';
import { backgroundIdentity, RpcClient } from '@salesops/rpc';

/**
 * The gateway's own name when it reads the member an account is for: reading members, nothing
 * else. The caller's authority over the account is judged by the gateway (account-access.ts),
 * since an administrator manages accounts but reads no business data.
 */
const ACCOUNTS_IDENTITY = backgroundIdentity('gateway', ['members:read']);

export type MemberFacts = Pick<Member, 'id' | 'teamId' | 'position' | 'status'>;

@Injectable()
export class MemberFactsReader {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  /** Throws MEMBER_NOT_FOUND for a member that does not exist. */
  async read(memberId: string, requestId: string): Promise<MemberFacts> {
    const { id, teamId, position, status } = await this.rpc.call(
      MembersRpc.getMember,
      { id: memberId },
      { requestId, identity: ACCOUNTS_IDENTITY },
    );
    return { id, teamId, position, status };
  }
}

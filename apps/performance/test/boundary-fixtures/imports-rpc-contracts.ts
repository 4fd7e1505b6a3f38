// Lint fixture (module-boundaries.spec.ts): performance reads members' events, never its RPC.
import { MembersRpc } from '@salesops/members-contracts';

export const probe = MembersRpc;

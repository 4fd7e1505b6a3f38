import { MembersRpc } from '@salesops/members-contracts';

import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

export const MembersController = rpcController(
  'Members',
  { path: 'members', tag: 'members' },
  {
    create: route.create(MembersRpc.createMember, {
      summary: 'Add a member to a team (starts in probation)',
      located: true,
    }),
    list: route.list(MembersRpc.listMembers, { summary: 'List members' }),
    get: route.get(MembersRpc.getMember, { summary: 'Get a member' }),
    update: route.command(MembersRpc.updateMember, {
      method: 'PATCH',
      path: ':id',
      summary: "Change a member's details",
      bodyIn: 'patch',
    }),
    checkpoint: route.get(MembersRpc.probationCheckpoint, {
      path: ':id/probation-checkpoint',
      summary: 'The evidence for a probation review: onboarding certificates and probation KPIs',
    }),
    reviewProbation: route.command(MembersRpc.reviewProbation, {
      path: ':id/probation-review',
      summary: 'Confirm, extend (once) or terminate a probation',
    }),
    transfer: route.command(MembersRpc.transferMember, {
      path: ':id/transfer',
      summary: 'Move a member to another team or position; their history is kept',
    }),
    placements: route.get(MembersRpc.memberPlacements, {
      path: ':id/placements',
      summary: 'Which team and position the member had, when',
    }),
    suspend: route.command(MembersRpc.suspendMember, {
      path: ':id/suspend',
      summary: 'Suspend a member (HR): their sessions end at once',
    }),
    reinstate: route.command(MembersRpc.reinstateMember, {
      path: ':id/reinstate',
      summary: 'Lift a suspension (HR): the member returns to where they were',
    }),
    depart: route.command(MembersRpc.departMember, {
      path: ':id/depart',
      idempotent: true,
      summary:
        'Depart a member: their customers and open orders go to `handoverTo`, all or nothing, within the request time or not at all; their sessions end. A retry with the same `Idempotency-Key` starts no second departure',
    }),
  },
);

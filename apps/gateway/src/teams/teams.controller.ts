import { listMembersQuerySchema, MembersRpc } from '@salesops/members-contracts';

import { idParams } from '../http/id-params';
import { route } from '../http/route-shapes';
import { rpcController } from '../http/rpc-controller';

const teamMembersQuerySchema = listMembersQuerySchema.pick({
  limit: true,
  cursor: true,
  status: true,
  position: true,
  sort: true,
});

export const TeamsController = rpcController(
  'Teams',
  { path: 'teams', tag: 'teams' },
  {
    create: route.create(MembersRpc.createTeam, { summary: 'Create a team', located: true }),
    list: route.list(MembersRpc.listTeams, { summary: 'List teams' }),
    get: route.get(MembersRpc.getTeam, { summary: 'Get a team' }),
    update: route.command(MembersRpc.updateTeam, {
      method: 'PATCH',
      path: ':id',
      summary: 'Rename a team, set its leaders, change its settings or move it in the tree',
      bodyIn: 'patch',
    }),
    members: route.list(MembersRpc.listTeamMembers, {
      path: ':id/members',
      summary: "A team's members (contact fields masked, as in every list)",
      params: idParams,
      query: teamMembersQuerySchema,
      request: ({ params, query }) => ({ ...query, teamId: params.id, contact: 'masked' as const }),
    }),
  },
);

import { Controller, Get, Inject, Patch, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

import {
  createTeamInputSchema,
  listMembersQuerySchema,
  listTeamsQuerySchema,
  memberSchema,
  MembersRpc,
  teamSchema,
  updateTeamInputSchema,
} from '@salesops/members-contracts';
import { type CallContext, RpcClient } from '@salesops/rpc';

import { ApiRoute, ValidBody, ValidParams, ValidQuery } from '../http/api-route.decorator';
import { CallCtx, IdempotencyKey, IfMatchVersion } from '../http/call-context.decorator';
import { withEtag } from '../http/etag';
import { pageSchemaOf } from '../http/page';

const idParams = z.object({ id: z.uuid() });
const teamMembersQuerySchema = listMembersQuerySchema.pick({
  limit: true,
  cursor: true,
  status: true,
  position: true,
  sort: true,
});

@Controller('teams')
export class TeamsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post()
  @ApiRoute({
    summary: 'Create a team',
    permission: MembersRpc.createTeam.permission,
    tag: 'teams',
    status: 201,
    body: createTeamInputSchema,
    response: teamSchema,
    idempotent: true,
  })
  async create(
    @ValidBody() input: z.output<typeof createTeamInputSchema>,
    @IdempotencyKey() idempotencyKey: string | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const team = await this.rpc.call(MembersRpc.createTeam, { idempotencyKey, input }, context);
    void reply.header('location', `/api/v1/teams/${team.id}`);
    return team;
  }

  @Get()
  @ApiRoute({
    summary: 'List teams',
    permission: MembersRpc.listTeams.permission,
    tag: 'teams',
    query: listTeamsQuerySchema,
    response: pageSchemaOf(teamSchema),
  })
  list(
    @ValidQuery() query: z.output<typeof listTeamsQuerySchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(MembersRpc.listTeams, query, context);
  }

  @Get(':id')
  @ApiRoute({
    summary: 'Get a team',
    permission: MembersRpc.getTeam.permission,
    tag: 'teams',
    params: idParams,
    response: teamSchema,
  })
  get(@ValidParams() params: z.output<typeof idParams>, @CallCtx() context: CallContext) {
    return this.rpc.call(MembersRpc.getTeam, params, context);
  }

  @Patch(':id')
  @ApiRoute({
    summary: 'Rename a team, set its leaders, change its settings or move it in the tree',
    permission: MembersRpc.updateTeam.permission,
    tag: 'teams',
    params: idParams,
    body: updateTeamInputSchema,
    response: teamSchema,
    versioned: true,
  })
  async update(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidBody() patch: z.output<typeof updateTeamInputSchema>,
    @IfMatchVersion() expectedVersion: number | null,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const team = await this.rpc.call(
      MembersRpc.updateTeam,
      { id: params.id, expectedVersion, patch },
      context,
    );
    return withEtag(reply, team);
  }

  @Get(':id/members')
  @ApiRoute({
    summary: "A team's members (contact fields masked, as in every list)",
    permission: MembersRpc.listMembers.permission,
    tag: 'teams',
    params: idParams,
    query: teamMembersQuerySchema,
    response: pageSchemaOf(memberSchema),
  })
  members(
    @ValidParams() params: z.output<typeof idParams>,
    @ValidQuery() query: z.output<typeof teamMembersQuerySchema>,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(
      MembersRpc.listMembers,
      { ...query, teamId: params.id, contact: 'masked' },
      context,
    );
  }
}

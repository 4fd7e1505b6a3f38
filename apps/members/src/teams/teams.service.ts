import { Inject, Injectable } from '@nestjs/common';

import { appendToOutbox } from '@salesops/messaging';
import {
  MembersEvents,
  MembersRpc,
  type Team,
  teamSettingsSchema,
} from '@salesops/members-contracts';
import { type Page, runIdempotent, toPage } from '@salesops/persistence';
import { type Caller, DomainError, type RpcReply, type RpcRequest } from '@salesops/rpc';

import { isUniqueViolation } from '../database/prisma-errors';
import type { Tx } from '../database/prisma.service';
import { toTeam } from './team.mapper';
import { TeamsRepository } from './teams.repository';

type CreateTeam = RpcRequest<typeof MembersRpc.createTeam>;

@Injectable()
export class TeamsService {
  constructor(@Inject(TeamsRepository) private readonly teams: TeamsRepository) {}

  async create(request: CreateTeam, caller: Caller): Promise<Team> {
    const input = request.input;
    const work = async (tx: Tx) => {
      if (input.parentId && !(await this.teams.findById(input.parentId, tx))) {
        throw new DomainError('TEAM_PARENT_NOT_FOUND', undefined, { parentId: input.parentId });
      }
      const row = await this.teams
        .create(
          {
            name: input.name,
            kind: input.kind,
            parentId: input.parentId ?? null,
            settings: teamSettingsSchema.parse(input.settings ?? {}),
          },
          tx,
        )
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new DomainError('TEAM_NAME_TAKEN') : error;
        });
      const team = toTeam(row);
      await appendToOutbox(tx, MembersEvents.teamChanged, team.id, {
        teamId: team.id,
        change: 'created',
        name: team.name,
        kind: team.kind,
        parentId: team.parentId,
      });
      return team;
    };
    return this.teams.transaction((tx) =>
      runIdempotent(
        tx,
        {
          scope: `${caller.id}:${MembersRpc.createTeam.subject}`,
          key: request.idempotencyKey,
          request: input,
        },
        () => work(tx),
      ),
    );
  }

  async get(id: string): Promise<Team> {
    const row = await this.teams.findById(id);
    if (!row) throw new DomainError('TEAM_NOT_FOUND');
    return toTeam(row);
  }

  async list(
    query: RpcRequest<typeof MembersRpc.listTeams>,
  ): Promise<RpcReply<typeof MembersRpc.listTeams>> {
    const rows = await this.teams.list(query);
    const page: Page<Team> = toPage(rows.map(toTeam), query.limit, (team) => team.id);
    return page;
  }
}

import { Inject, Injectable } from '@nestjs/common';

import { appendToOutbox } from '@salesops/messaging';
import {
  MembersEvents,
  MembersRpc,
  type Team,
  teamSettingsSchema,
} from '@salesops/members-contracts';
import {
  type Page,
  runIdempotent,
  toPage,
  type Work,
  UnitOfWork,
  isUniqueViolation,
} from '@salesops/persistence';
import { DomainError, type IdentityClaims, type RpcReply, type RpcRequest } from '@salesops/rpc';

import { canSeeTeam, visibleTeamIds } from './team-scope';
import { toTeam } from './team.mapper';
import { TeamsRepository } from './teams.repository';

type CreateTeam = RpcRequest<typeof MembersRpc.createTeam>;

@Injectable()
export class TeamsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
  ) {}

  async create(request: CreateTeam, identity: IdentityClaims): Promise<Team> {
    const input = request.input;
    const create = async (work: Work) => {
      const parentVisible = input.parentId
        ? canSeeTeam(input.parentId, identity)
        : identity.scope.kind === 'company';
      if (
        !parentVisible ||
        (input.parentId && !(await this.teams.findById(input.parentId, work)))
      ) {
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
          work,
        )
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new DomainError('TEAM_NAME_TAKEN') : error;
        });
      const team = toTeam(row);
      await appendToOutbox(work, MembersEvents.teamChanged, team.id, {
        teamId: team.id,
        change: 'created',
        name: team.name,
        kind: team.kind,
        parentId: team.parentId,
      });
      return team;
    };
    return this.unitOfWork.run((work) =>
      runIdempotent(
        work,
        {
          scope: `${identity.caller.id}:${MembersRpc.createTeam.subject}`,
          key: request.idempotencyKey,
          request: input,
        },
        () => create(work),
      ),
    );
  }

  /**
   * Renames, re-leads, re-settles or moves a team. A move stays within the caller's reach and never
   * under the team itself; its history is kept.
   */
  async update(
    request: RpcRequest<typeof MembersRpc.updateTeam>,
    identity: IdentityClaims,
  ): Promise<Team> {
    const { patch } = request;
    const current = canSeeTeam(request.id, identity) ? await this.teams.findById(request.id) : null;
    if (!current) throw new DomainError('TEAM_NOT_FOUND');
    const moving = patch.parentId !== undefined && patch.parentId !== current.parentId;
    if (moving) await this.assertParent(request.id, patch.parentId ?? null, identity);
    const row = await this.unitOfWork.run(async (work) => {
      const updated = await this.teams
        .update(
          request.id,
          request.expectedVersion ?? current.version,
          {
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.leaderId === undefined ? {} : { leaderId: patch.leaderId }),
            ...(patch.viceLeaderId === undefined ? {} : { viceLeaderId: patch.viceLeaderId }),
            ...(moving ? { parentId: patch.parentId } : {}),
            ...(patch.settings
              ? {
                  settings: teamSettingsSchema.parse({
                    ...(current.settings as object),
                    ...patch.settings,
                  }),
                }
              : {}),
          },
          work,
        )
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new DomainError('TEAM_NAME_TAKEN') : error;
        });
      const team = toTeam(updated);
      await appendToOutbox(work, MembersEvents.teamChanged, team.id, {
        teamId: team.id,
        change: moving ? 'moved' : 'updated',
        name: team.name,
        kind: team.kind,
        parentId: team.parentId,
      });
      return team;
    });
    return row;
  }

  private async assertParent(
    teamId: string,
    parentId: string | null,
    identity: IdentityClaims,
  ): Promise<void> {
    const visible = parentId ? canSeeTeam(parentId, identity) : identity.scope.kind === 'company';
    if (!visible || (parentId && !(await this.teams.findById(parentId)))) {
      throw new DomainError('TEAM_PARENT_NOT_FOUND', undefined, { parentId });
    }
    if (parentId && (await this.teams.subtreeIds(teamId)).includes(parentId)) {
      throw new DomainError('TEAM_CYCLE');
    }
  }

  async get(
    { id }: RpcRequest<typeof MembersRpc.getTeam>,
    identity: IdentityClaims,
  ): Promise<Team> {
    const row = canSeeTeam(id, identity) ? await this.teams.findById(id) : null;
    if (!row) throw new DomainError('TEAM_NOT_FOUND');
    return toTeam(row);
  }

  async subtree(
    { id }: RpcRequest<typeof MembersRpc.teamSubtree>,
    identity: IdentityClaims,
  ): Promise<string[]> {
    const ids = canSeeTeam(id, identity) ? await this.teams.subtreeIds(id) : [];
    if (ids.length === 0) throw new DomainError('TEAM_NOT_FOUND');
    return ids;
  }

  async list(
    query: RpcRequest<typeof MembersRpc.listTeams>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof MembersRpc.listTeams>> {
    const rows = await this.teams.list({ ...query, within: visibleTeamIds(identity) });
    const page: Page<Team> = toPage(rows.map(toTeam), query.limit, (team) => team.id);
    return page;
  }
}

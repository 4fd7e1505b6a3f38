import { Inject, Injectable } from '@nestjs/common';

import { appendToOutbox } from '@salesops/messaging';
import {
  MembersEvents,
  MembersRpc,
  type OwnTeamSettings,
  type Team,
  TEAM_SETTING_DEFAULTS,
  type TeamSettings,
} from '@salesops/members-contracts';
import {
  type Page,
  runIdempotent,
  toPage,
  type Work,
  UnitOfWork,
  isUniqueViolation,
  FieldCipher,
} from '@salesops/persistence';
import { DomainError, type IdentityClaims, type RpcReply, type RpcRequest } from '@salesops/rpc';

import type { Prisma } from '../generated/prisma/client';
import {
  effectiveSettings,
  effectiveSettingsOfSubtree,
  ownSettingsOf,
  settingsDiffer,
} from './effective-settings';
import { teamChangedOf } from './team-changed';
import { canSeeTeam, visibleTeamIds } from './team-scope';
import { toTeam } from './team.mapper';
import { type SubtreeTeam, TeamsRepository } from './teams.repository';

type CreateTeam = RpcRequest<typeof MembersRpc.createTeam>;

@Injectable()
export class TeamsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
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
      const own: OwnTeamSettings = input.settings ?? {};
      const row = await this.teams
        .create(
          { name: input.name, kind: input.kind, parentId: input.parentId ?? null, settings: own },
          work,
        )
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new DomainError('TEAM_NAME_TAKEN') : error;
        });
      const inherited = row.parentId
        ? await this.teams.effectiveSettingsOf(row.parentId, work)
        : TEAM_SETTING_DEFAULTS;
      const team = toTeam(row, effectiveSettings(inherited, own));
      await appendToOutbox(
        work,
        MembersEvents.teamChanged,
        team.id,
        teamChangedOf(team, team.settings, 'created'),
      );
      return team;
    };
    return this.unitOfWork.run((work) =>
      runIdempotent(
        work,
        {
          scope: `${identity.caller.id}:${MembersRpc.createTeam.subject}`,
          key: request.idempotencyKey,
          request: input,
          cipher: this.cipher,
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
    const resettling = patch.settings !== undefined || patch.inheritSettings !== undefined;
    return this.unitOfWork.run(async (work) => {
      const before = moving || resettling ? await this.subtreeSettings(request.id, work) : null;
      const updated = await this.teams
        .update(
          request.id,
          request.expectedVersion ?? current.version,
          {
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.leaderId === undefined ? {} : { leaderId: patch.leaderId }),
            ...(patch.viceLeaderId === undefined ? {} : { viceLeaderId: patch.viceLeaderId }),
            ...(moving ? { parentId: patch.parentId } : {}),
            ...(resettling ? { settings: ownSettingsAfter(current.settings, patch) } : {}),
          },
          work,
        )
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new DomainError('TEAM_NAME_TAKEN') : error;
        });
      const team = toTeam(updated, await this.teams.effectiveSettingsOf(updated.id, work));
      await appendToOutbox(
        work,
        MembersEvents.teamChanged,
        team.id,
        teamChangedOf(team, team.settings, moving ? 'moved' : 'updated'),
      );
      if (before) await this.announceInherited(request.id, before, work);
      return team;
    });
  }

  /** Every team of the subtree, with its effective settings. */
  private async subtreeSettings(
    teamId: string,
    work: Work,
  ): Promise<{ teams: SubtreeTeam[]; settings: Map<string, TeamSettings> }> {
    const teams = await this.teams.subtree(teamId, work);
    const parentId = teams[0]?.parentId;
    const inherited = parentId
      ? await this.teams.effectiveSettingsOf(parentId, work)
      : TEAM_SETTING_DEFAULTS;
    return { teams, settings: effectiveSettingsOfSubtree(inherited, teams) };
  }

  /** The teams below whose effective settings the change of their ancestor changed. */
  private async announceInherited(
    teamId: string,
    before: { settings: Map<string, TeamSettings> },
    work: Work,
  ): Promise<void> {
    const after = await this.subtreeSettings(teamId, work);
    for (const descendant of after.teams) {
      const settings = after.settings.get(descendant.id) as TeamSettings;
      if (
        descendant.id === teamId ||
        !settingsDiffer(before.settings.get(descendant.id), settings)
      ) {
        continue;
      }
      await appendToOutbox(
        work,
        MembersEvents.teamChanged,
        descendant.id,
        teamChangedOf(
          { ...descendant, kind: descendant.kind as Team['kind'] },
          settings,
          'inherited',
        ),
      );
    }
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
    return toTeam(row, await this.teams.effectiveSettingsOf(row.id));
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
    const settings = await this.teams.effectiveSettings(rows.map((row) => row.id));
    const teams = rows.map((row) => toTeam(row, settings.get(row.id) ?? TEAM_SETTING_DEFAULTS));
    const page: Page<Team> = toPage(teams, query.limit, (team) => team.id);
    return page;
  }
}

/** The team's own settings after a patch: set values over the kept ones, inherited keys dropped. */
function ownSettingsAfter(
  stored: unknown,
  patch: { settings?: OwnTeamSettings; inheritSettings?: (keyof OwnTeamSettings)[] },
): Prisma.InputJsonObject {
  const own: Record<string, unknown> = { ...ownSettingsOf(stored), ...patch.settings };
  for (const key of patch.inheritSettings ?? []) delete own[key];
  return own as Prisma.InputJsonObject;
}

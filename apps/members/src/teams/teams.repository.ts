import { Inject, Injectable } from '@nestjs/common';

import type { OwnTeamSettings, TeamSettings } from '@salesops/members-contracts';
import { type Work, atVersion, versionedUpdate, keysetPage } from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import type { Prisma, Team as TeamRow } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { effectiveSettingsOfChain, ownSettingsOf } from './effective-settings';

/** The rows this repository returns: what services work with, never Prisma's client. */
export type { Team as TeamRow } from '../generated/prisma/client';

export interface NewTeam {
  name: string;
  kind: string;
  parentId: string | null;
  settings: OwnTeamSettings;
}

/** A team of a subtree, as the tree's projection in events needs it. */
export interface SubtreeTeam {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  leaderId: string | null;
  viceLeaderId: string | null;
  own: OwnTeamSettings;
}

export interface TeamFilter {
  limit: number;
  cursor?: string;
  parentId?: string;
  kind?: string;
  /** Only these teams; null for all. */
  within: string[] | null;
}

@Injectable()
export class TeamsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  findById(id: string, work?: Work): Promise<TeamRow | null> {
    const tx = this.prisma.within(work);
    return tx.team.findUnique({ where: { id } });
  }

  /** A new team, and the start of its placement in the tree. */
  async create(team: NewTeam, work: Work): Promise<TeamRow> {
    const tx = this.prisma.within(work);
    const row = await tx.team.create({ data: team });
    await tx.teamPlacement.create({
      data: { teamId: row.id, parentId: row.parentId, startedAt: row.createdAt },
    });
    return row;
  }

  /** Applies a change on the version it was checked on; a move closes the team's placement. */
  async update(
    id: string,
    expectedVersion: number,
    change: Prisma.TeamUncheckedUpdateManyInput,
    work: Work,
  ): Promise<TeamRow> {
    const tx = this.prisma.within(work);
    const row = await versionedUpdate(
      new DomainError('TEAM_NOT_FOUND'),
      () => tx.team.updateMany(atVersion(id, expectedVersion, change)),
      () => this.findById(id, work),
    );
    if (change.parentId !== undefined) {
      const now = new Date();
      await tx.teamPlacement.updateMany({
        where: { teamId: id, endedAt: null },
        data: { endedAt: now },
      });
      await tx.teamPlacement.create({
        data: { teamId: id, parentId: change.parentId as string | null, startedAt: now },
      });
    }
    return row;
  }

  /** Each team's effective settings: own values over its ancestors' over the defaults. */
  async effectiveSettings(teamIds: string[], work?: Work): Promise<Map<string, TeamSettings>> {
    if (teamIds.length === 0) return new Map();
    const rows = await this.prisma.within(work).$queryRaw<{ teamId: string; settings: unknown }[]>`
      WITH RECURSIVE chain AS (
        SELECT id AS "teamId", "parentId", settings, 0 AS depth
          FROM team WHERE id = ANY(${teamIds}::uuid[])
        UNION ALL
        SELECT chain."teamId", parent."parentId", parent.settings, chain.depth + 1
          FROM team parent JOIN chain ON parent.id = chain."parentId"
      )
      SELECT "teamId", settings FROM chain ORDER BY "teamId", depth DESC`;
    const chains = new Map<string, OwnTeamSettings[]>();
    for (const row of rows) {
      const chain = chains.get(row.teamId) ?? [];
      chain.push(ownSettingsOf(row.settings));
      chains.set(row.teamId, chain);
    }
    return new Map(
      [...chains].map(([teamId, chain]) => [teamId, effectiveSettingsOfChain(chain)] as const),
    );
  }

  /** One team's effective settings. */
  async effectiveSettingsOf(teamId: string, work?: Work): Promise<TeamSettings> {
    const settings = (await this.effectiveSettings([teamId], work)).get(teamId);
    if (!settings) throw new DomainError('TEAM_NOT_FOUND');
    return settings;
  }

  /** The team and every team below it, parents before children. */
  async subtree(teamId: string, work: Work): Promise<SubtreeTeam[]> {
    const rows = await this.prisma.within(work).$queryRaw<
      (Omit<SubtreeTeam, 'own'> & { settings: unknown })[]
    >`
      WITH RECURSIVE subtree AS (
        SELECT id, name, kind, "parentId", "leaderId", "viceLeaderId", settings, 0 AS depth
          FROM team WHERE id = ${teamId}::uuid
        UNION ALL
        SELECT child.id, child.name, child.kind, child."parentId", child."leaderId",
               child."viceLeaderId", child.settings, subtree.depth + 1
          FROM team child JOIN subtree ON child."parentId" = subtree.id
      )
      SELECT id, name, kind, "parentId", "leaderId", "viceLeaderId", settings
        FROM subtree ORDER BY depth, id`;
    return rows.map(({ settings, ...team }) => ({ ...team, own: ownSettingsOf(settings) }));
  }

  /** The team and all teams below it. */
  async subtreeIds(teamId: string): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE subtree AS (
        SELECT id FROM team WHERE id = ${teamId}::uuid
        UNION ALL
        SELECT child.id FROM team child JOIN subtree ON child."parentId" = subtree.id
      )
      SELECT id FROM subtree`;
    return rows.map((row) => row.id);
  }

  /** Ordered by id; fetches one row more than asked, to tell whether a next page exists. */
  list(filter: TeamFilter): Promise<TeamRow[]> {
    const page = keysetPage<Prisma.TeamWhereInput, Prisma.TeamOrderByWithRelationInput>(
      filter,
      'id',
      'asc',
    );
    return this.prisma.team.findMany({
      where: {
        ...(filter.parentId ? { parentId: filter.parentId } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.within ? { AND: [{ id: { in: filter.within } }] } : {}),
        ...page.after,
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }
}

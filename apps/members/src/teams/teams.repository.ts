import { Inject, Injectable } from '@nestjs/common';

import type { TeamSettings } from '@salesops/members-contracts';
import { type Work, atVersion, versionedUpdate, keysetPage } from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import type { Prisma, Team as TeamRow } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

/** The rows this repository returns: what services work with, never Prisma's client. */
export type { Team as TeamRow } from '../generated/prisma/client';

export interface NewTeam {
  name: string;
  kind: string;
  parentId: string | null;
  settings: TeamSettings;
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

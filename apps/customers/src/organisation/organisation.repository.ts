import { Inject, Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

export interface OrgTeamRow {
  teamId: string;
  name: string;
  parentId: string | null;
  weeklyLeadQuota: number;
  /** The effective settings as the last members.team.changed carried them (see teamSettingsOf). */
  settings: unknown;
}

/** The team's effective settings as the last `members.team.changed` carried them. */
export type OrgTeamSettings = Record<string, unknown>;

export interface OrgMemberRow {
  memberId: string;
  teamId: string;
  position: string;
  status: string;
}

/**
 * What one members event says of a member at the member's version `version`; `teamId` is the
 * team the event names, used only for a row that does not exist yet.
 */
export interface OrgMemberChange {
  memberId: string;
  version: number;
  teamId: string;
  placement?: { teamId: string; position: string };
  status?: 'active' | 'departed';
}

const TEAM_FIELDS = {
  teamId: true,
  name: true,
  parentId: true,
  weeklyLeadQuota: true,
  settings: true,
} as const;

/** The weekly lead quota before the team's settings have arrived (the members default). */
export const DEFAULT_WEEKLY_LEAD_QUOTA = 5;

/** The team tree and roster as this service knows them, from the members service's events. */
@Injectable()
export class OrganisationRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * A team as `members.team.changed` carries it, whole: the same event applied twice gives the
   * same row. The event carries no version (see the consumer), so the last one applied wins.
   */
  upsertTeam(
    team: OrgTeamRow & { settings?: OrgTeamSettings | null },
    work: Work,
  ): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `INSERT INTO org_team ("teamId", name, "parentId", "weeklyLeadQuota", settings, "updatedAt")
       VALUES ($1::uuid, $2, $3::uuid, $4, $5::jsonb, now())
       ON CONFLICT ("teamId") DO UPDATE SET name = EXCLUDED.name, "parentId" = EXCLUDED."parentId",
         "weeklyLeadQuota" = EXCLUDED."weeklyLeadQuota", settings = EXCLUDED.settings,
         "updatedAt" = now()`,
      team.teamId,
      team.name,
      team.parentId,
      team.weeklyLeadQuota,
      JSON.stringify(team.settings ?? {}),
    );
  }

  /** Current members of a team in one of `positions`, in a stable order. */
  membersOf(teamId: string, positions: readonly string[], work?: Work): Promise<OrgMemberRow[]> {
    return this.prisma.within(work).orgMember.findMany({
      where: { teamId, position: { in: [...positions] }, status: { not: 'departed' } },
      orderBy: { memberId: 'asc' },
    });
  }

  /**
   * Applies what one members event says of a member, each aspect only over an older version of it
   * (`version` is the event's `subjectVersion`): a late hire or transfer leaves a newer placement,
   * a late hire a departure, as they are. An aspect not known yet is stored at version 0 (a
   * departure before the hire keeps the team it names and no position until the hire comes).
   * One statement; its row lock orders two consumers applying events of one member side by side.
   */
  applyMember(change: OrgMemberChange, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `INSERT INTO org_member AS m ("memberId", "teamId", position, "placementVersion", status,
         "statusVersion", "updatedAt")
       VALUES ($1::uuid, $2::uuid, COALESCE($3, 'unknown'), $4, COALESCE($5, 'active'), $6, now())
       ON CONFLICT ("memberId") DO UPDATE SET
         "teamId" = CASE WHEN EXCLUDED."placementVersion" > m."placementVersion"
                         THEN EXCLUDED."teamId" ELSE m."teamId" END,
         position = CASE WHEN EXCLUDED."placementVersion" > m."placementVersion"
                         THEN EXCLUDED.position ELSE m.position END,
         "placementVersion" = GREATEST(m."placementVersion", EXCLUDED."placementVersion"),
         status = CASE WHEN EXCLUDED."statusVersion" > m."statusVersion"
                       THEN EXCLUDED.status ELSE m.status END,
         "statusVersion" = GREATEST(m."statusVersion", EXCLUDED."statusVersion"),
         "updatedAt" = now()`,
      change.memberId,
      change.placement?.teamId ?? change.teamId,
      change.placement?.position ?? null,
      change.placement ? change.version : 0,
      change.status ?? null,
      change.status ? change.version : 0,
    );
  }

  team(teamId: string, work?: Work): Promise<OrgTeamRow | null> {
    return this.prisma.within(work).orgTeam.findUnique({ where: { teamId }, select: TEAM_FIELDS });
  }

  teams(work?: Work): Promise<OrgTeamRow[]> {
    return this.prisma.within(work).orgTeam.findMany({ select: TEAM_FIELDS });
  }

  member(memberId: string, work?: Work): Promise<OrgMemberRow | null> {
    return this.prisma.within(work).orgMember.findUnique({ where: { memberId } });
  }

  /** The sales reps of a team who have not departed, in a stable order. */
  repsOf(teamId: string, work?: Work): Promise<OrgMemberRow[]> {
    return this.prisma.within(work).orgMember.findMany({
      where: { teamId, position: 'sales_rep', status: { not: 'departed' } },
      orderBy: { memberId: 'asc' },
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

export interface OrgTeamRow {
  teamId: string;
  name: string;
  parentId: string | null;
  weeklyLeadQuota: number;
}

export interface OrgMemberRow {
  memberId: string;
  teamId: string;
  position: string;
  status: string;
}

/** The weekly lead quota before the team's settings have arrived (the members default). */
export const DEFAULT_WEEKLY_LEAD_QUOTA = 5;

/** The team tree and roster as this service knows them, from the members service's events. */
@Injectable()
export class OrganisationRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  upsertTeam(team: OrgTeamRow, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `INSERT INTO org_team ("teamId", name, "parentId", "weeklyLeadQuota", "updatedAt")
       VALUES ($1::uuid, $2, $3::uuid, $4, now())
       ON CONFLICT ("teamId") DO UPDATE SET name = EXCLUDED.name, "parentId" = EXCLUDED."parentId",
         "weeklyLeadQuota" = EXCLUDED."weeklyLeadQuota", "updatedAt" = now()`,
      team.teamId,
      team.name,
      team.parentId,
      team.weeklyLeadQuota,
    );
  }

  /** A member's placement; `status` is kept when the event does not say it (a transfer). */
  upsertMember(
    member: { memberId: string; teamId: string; position: string; status?: string },
    work: Work,
  ): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `INSERT INTO org_member ("memberId", "teamId", position, status, "updatedAt")
       VALUES ($1::uuid, $2::uuid, $3, COALESCE($4, 'active'), now())
       ON CONFLICT ("memberId") DO UPDATE SET "teamId" = EXCLUDED."teamId",
         position = EXCLUDED.position, status = COALESCE($4, org_member.status), "updatedAt" = now()`,
      member.memberId,
      member.teamId,
      member.position,
      member.status ?? null,
    );
  }

  setMemberStatus(memberId: string, status: string, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE org_member SET status = $2, "updatedAt" = now() WHERE "memberId" = $1::uuid`,
      memberId,
      status,
    );
  }

  team(teamId: string, work?: Work): Promise<OrgTeamRow | null> {
    return this.prisma.within(work).orgTeam.findUnique({ where: { teamId } });
  }

  teams(work?: Work): Promise<OrgTeamRow[]> {
    return this.prisma.within(work).orgTeam.findMany();
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

import { Inject, Injectable } from '@nestjs/common';

import type { TeamSettings } from '@salesops/members-contracts';
import { DomainError, type IdentityClaims } from '@salesops/rpc';
import { type Work } from '@salesops/persistence';

import { canSeeTeam } from '../teams/team-scope';
import { type TeamRow, TeamsRepository } from '../teams/teams.repository';
import { canSeeMember } from './member.presenter';
import { type MemberRow, MembersRepository } from './members.repository';

/**
 * Members and teams as the caller reaches them: one out of reach answers as not found, like one
 * that does not exist, so nobody learns what lies outside their scope.
 */
@Injectable()
export class Reachable {
  constructor(
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
  ) {}

  async member(id: string, identity: IdentityClaims | undefined): Promise<MemberRow> {
    const row = await this.members.findById(id);
    if (!row || !identity || !canSeeMember(row, identity)) {
      throw new DomainError('MEMBER_NOT_FOUND');
    }
    return row;
  }

  /** A member who has not departed: nothing new is filed, requested or changed for the others. */
  async activeMember(id: string, identity: IdentityClaims | undefined): Promise<MemberRow> {
    const row = await this.member(id, identity);
    if (row.status === 'departed') throw new DomainError('MEMBER_ALREADY_DEPARTED');
    return row;
  }

  /** The team a member, candidate or meeting is placed in. */
  /** A team read as a resource (its members, say): 404 `TEAM_NOT_FOUND` out of reach. */
  async readableTeam(teamId: string, identity: IdentityClaims): Promise<TeamRow> {
    const team = canSeeTeam(teamId, identity) ? await this.teams.findById(teamId) : null;
    if (!team) throw new DomainError('TEAM_NOT_FOUND');
    return team;
  }

  async team(teamId: string, identity: IdentityClaims, work?: Work): Promise<TeamRow> {
    const team = canSeeTeam(teamId, identity) ? await this.teams.findById(teamId, work) : null;
    if (!team) throw new DomainError('MEMBER_TEAM_NOT_FOUND', undefined, { teamId });
    return team;
  }

  /**
   * The effective settings (its own over its ancestors' over the defaults) of a team the caller
   * reaches: the same answer as `team()` for one it does not, in one query instead of two.
   */
  async teamSettings(teamId: string, identity: IdentityClaims, work?: Work): Promise<TeamSettings> {
    const settings = canSeeTeam(teamId, identity)
      ? (await this.teams.effectiveSettings([teamId], work)).get(teamId)
      : undefined;
    if (!settings) throw new DomainError('MEMBER_TEAM_NOT_FOUND', undefined, { teamId });
    return settings;
  }
}

import { Inject, Injectable } from '@nestjs/common';

import { appendToOutbox } from '@salesops/messaging';
import {
  LEVEL_LADDERS,
  type Member,
  MembersEvents,
  MembersRpc,
  teamSettingsSchema,
  type Track,
} from '@salesops/members-contracts';
import { runIdempotent, toPage } from '@salesops/persistence';
import { type Caller, DomainError, type RpcReply, type RpcRequest } from '@salesops/rpc';

import { isUniqueViolation } from '../database/prisma-errors';
import { TeamsRepository } from '../teams/teams.repository';
import { toMember } from './member.mapper';
import { MembersRepository } from './members.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class MembersService {
  constructor(
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
  ) {}

  /** Hires a member straight onto a team: they start in probation for the team's probation days. */
  create(request: RpcRequest<typeof MembersRpc.createMember>, caller: Caller): Promise<Member> {
    const { input } = request;
    if (!isLevelOnTrack(input.level, input.track)) {
      throw new DomainError('LEVEL_NOT_ON_TRACK', undefined, {
        level: input.level,
        track: input.track,
      });
    }
    const scope = `${caller.id}:${MembersRpc.createMember.subject}`;
    return this.members.transaction((tx) =>
      runIdempotent(tx, { scope, key: request.idempotencyKey, request: input }, async () => {
        const team = await this.teams.findById(input.teamId, tx);
        if (!team)
          throw new DomainError('MEMBER_TEAM_NOT_FOUND', undefined, { teamId: input.teamId });
        const hiredAt = input.hiredAt ? new Date(input.hiredAt) : new Date();
        const { probationDays } = teamSettingsSchema.parse(team.settings);
        const row = await this.members
          .create(
            {
              employeeNo: input.employeeNo,
              name: input.name,
              phone: input.phone,
              wechatId: input.wechatId,
              email: input.email,
              teamId: input.teamId,
              position: input.position,
              track: input.track,
              level: input.level,
              status: 'probation',
              hiredAt,
              probationEndsAt: new Date(hiredAt.getTime() + probationDays * DAY_MS),
            },
            tx,
          )
          .catch((error: unknown) => {
            throw isUniqueViolation(error, 'employeeNo')
              ? new DomainError('MEMBER_EMPLOYEE_NO_TAKEN', undefined, {
                  employeeNo: input.employeeNo,
                })
              : error;
          });
        const member = toMember(row);
        await appendToOutbox(tx, MembersEvents.memberHired, member.id, {
          memberId: member.id,
          employeeNo: member.employeeNo,
          teamId: member.teamId,
          position: member.position,
          track: member.track,
          level: member.level,
          hiredAt: member.hiredAt,
          probationEndsAt: member.probationEndsAt,
        });
        return member;
      }),
    );
  }

  async get(id: string): Promise<Member> {
    const row = await this.members.findById(id);
    if (!row) throw new DomainError('MEMBER_NOT_FOUND');
    return toMember(row);
  }

  async list(
    query: RpcRequest<typeof MembersRpc.listMembers>,
  ): Promise<RpcReply<typeof MembersRpc.listMembers>> {
    const rows = await this.members.list(query);
    const field = query.sort.replace(/^-/, '') as 'employeeNo' | 'name' | 'hiredAt';
    return toPage(rows.map(toMember), query.limit, (member) => member[field]);
  }

  async update(request: RpcRequest<typeof MembersRpc.updateMember>): Promise<Member> {
    const row = await this.members.transaction((tx) =>
      this.members.update(request.id, request.expectedVersion, request.patch, tx),
    );
    return toMember(row);
  }
}

export function isLevelOnTrack(level: string, track: Track): boolean {
  return LEVEL_LADDERS[track].some((ladder) => (ladder as readonly string[]).includes(level));
}

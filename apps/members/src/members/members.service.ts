import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

import { CompanyCalendar } from '@salesops/calendar';
import { envelopeOf } from '@salesops/messaging';
import {
  createMemberInputSchema,
  LEVEL_LADDERS,
  type Member,
  MembersEvents,
  MembersRpc,
  type Track,
} from '@salesops/members-contracts';
import {
  runIdempotent,
  toPage,
  type Work,
  UnitOfWork,
  isUniqueViolation,
  FieldCipher,
} from '@salesops/persistence';
import {
  contactOptionsOf,
  hiddenFields,
  listContactOptionsOf,
  queryViewerOf,
} from '@salesops/policy';
import {
  DomainError,
  type IdentityClaims,
  reachOf,
  type RpcReply,
  type RpcRequest,
} from '@salesops/rpc';

import { probationEndOf } from '../calendar/periods';
import { requireAuthority } from './authority';
import { Reachable } from './reachable';

import { toMember } from './member.mapper';
import { canSeeMember, presentMember } from './member.presenter';
import { MembersRepository } from './members.repository';

export type HireInput = z.output<typeof createMemberInputSchema>;

@Injectable()
export class MembersService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(Reachable) private readonly reach: Reachable,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  /** Hires a member straight onto a team: they start in probation for the team's probation days. */
  async create(
    request: RpcRequest<typeof MembersRpc.createMember>,
    identity: IdentityClaims,
  ): Promise<Member> {
    const { idempotencyKey: key, input } = request;
    const scope = `${identity.caller.id}:${MembersRpc.createMember.subject}`;
    const member =
      key === null
        ? // One statement writes the member and its event: atomic without a transaction around it.
          await this.hire(input, identity)
        : await this.unitOfWork.run((work) =>
            runIdempotent(work, { scope, key, request: input, cipher: this.cipher }, () =>
              this.hire(input, identity, work),
            ),
          );
    return presentMember(member, identity);
  }

  /** Creates a member in probation, in the caller's transaction if any, and announces the hire. */
  async hire(input: HireInput, identity: IdentityClaims, work?: Work): Promise<Member> {
    if (!isLevelOnTrack(input.level, input.track)) {
      throw new DomainError('LEVEL_NOT_ON_TRACK', undefined, {
        level: input.level,
        track: input.track,
      });
    }
    const { probationDays } = await this.reach.teamSettings(input.teamId, identity, work);
    requireAuthority(identity, 'hire', null, [input.position, input.level]);
    const hiredAt = input.hiredAt ? new Date(input.hiredAt) : new Date();
    const probationEndsAt = probationEndOf(this.calendar, hiredAt, probationDays);
    const id = randomUUID();
    const hired = envelopeOf(
      MembersEvents.memberHired,
      id,
      {
        memberId: id,
        employeeNo: input.employeeNo,
        name: input.name,
        teamId: input.teamId,
        position: input.position,
        track: input.track,
        level: input.level,
        hiredAt: hiredAt.toISOString(),
        probationEndsAt: probationEndsAt.toISOString(),
      },
      // A new member's row starts at version 1.
      1,
    );
    const row = await this.members
      .create(
        {
          id,
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
          probationEndsAt,
        },
        hired,
        work,
      )
      .catch((error: unknown) => {
        throw isUniqueViolation(error, 'employeeNo')
          ? new DomainError('MEMBER_EMPLOYEE_NO_TAKEN', undefined, {
              employeeNo: input.employeeNo,
            })
          : error;
      });
    return toMember(row);
  }

  async get(
    { id, contact }: RpcRequest<typeof MembersRpc.getMember>,
    identity: IdentityClaims,
  ): Promise<Member> {
    const member = toMember(await this.reach.member(id, identity));
    const record = { teamId: member.teamId, ownerId: member.id };
    const options = contactOptionsOf('member', identity, record, contact);
    if (!options) throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
    return presentMember(member, identity, options);
  }

  async list(
    query: RpcRequest<typeof MembersRpc.listMembers>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof MembersRpc.listMembers>> {
    const field = query.sort.replace(/^-/, '') as 'employeeNo' | 'name' | 'hiredAt';
    const hidden = hiddenFields('member', queryViewerOf(identity));
    const refused = [field, ...(query.phone === undefined ? [] : ['phone'])].filter((name) =>
      hidden.includes(name),
    );
    if (refused.length > 0) throw new DomainError('FIELD_NOT_FILTERABLE', undefined, { refused });
    const rows = await this.members.list(query, reachOf(identity));
    const page = toPage(rows.map(toMember), query.limit, (member) => member[field]);
    const options = listContactOptionsOf('member', identity, query.contact);
    if (!options) throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
    return {
      ...page,
      items: page.items.map((member) => presentMember(member, identity, options)),
    };
  }

  /** A team's members: the team must be in reach, as a single read of it would be. */
  async listOfTeam(
    query: RpcRequest<typeof MembersRpc.listTeamMembers>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof MembersRpc.listTeamMembers>> {
    await this.reach.readableTeam(query.teamId, identity);
    return this.list(query, identity);
  }

  async update(
    request: RpcRequest<typeof MembersRpc.updateMember>,
    identity: IdentityClaims,
  ): Promise<Member> {
    const row = await this.unitOfWork.run(async (work) => {
      const current = await this.members.findById(request.id, work);
      if (!current || !canSeeMember(current, identity)) throw new DomainError('MEMBER_NOT_FOUND');
      return this.members.update(request.id, request.expectedVersion, request.patch, work);
    });
    return presentMember(toMember(row), identity);
  }
}

export function isLevelOnTrack(level: string, track: Track): boolean {
  return LEVEL_LADDERS[track].some((ladder) => (ladder as readonly string[]).includes(level));
}

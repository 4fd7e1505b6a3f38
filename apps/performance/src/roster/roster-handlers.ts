import { Inject, Injectable } from '@nestjs/common';

import { MembersEvents } from '@salesops/members-contracts/events';
import { type EventEnvelope, type EventHandler, subjectVersionOf } from '@salesops/messaging';
import type { Work } from '@salesops/persistence';

import { type RosterChange, RosterRepository } from './roster.repository';

/**
 * Keeps who is on which team, in which status and at which level, from the members service's
 * events, for scorecards and roll-ups. Each change applies only over an older version of what it
 * sets, so the order the events arrive in does not matter. Also where each member was placed from
 * when, and the team tree. The same handlers serve the live consumer and `performance:rebuild`.
 */
@Injectable()
export class RosterHandlers {
  constructor(@Inject(RosterRepository) private readonly roster: RosterRepository) {}

  of(): Record<string, EventHandler<Work>> {
    const change =
      (of: (event: EventEnvelope) => Omit<RosterChange, 'version'>) =>
      async (event: EventEnvelope, work: Work) => {
        await this.roster.apply({ ...of(event), version: subjectVersionOf(event) }, work);
      };
    return {
      [MembersEvents.memberHired.type]: (event, work) => this.onHired(event, work),
      [MembersEvents.memberConfirmed.type]: change((event) => ({
        memberId: MembersEvents.memberConfirmed.data.parse(event.data).memberId,
        status: 'active',
      })),
      [MembersEvents.memberSuspended.type]: change((event) => ({
        memberId: MembersEvents.memberSuspended.data.parse(event.data).memberId,
        status: 'suspended',
      })),
      [MembersEvents.memberReinstated.type]: change((event) => {
        const reinstated = MembersEvents.memberReinstated.data.parse(event.data);
        return { memberId: reinstated.memberId, status: reinstated.status ?? 'active' };
      }),
      [MembersEvents.memberDeparted.type]: change((event) => ({
        memberId: MembersEvents.memberDeparted.data.parse(event.data).memberId,
        status: 'departed',
      })),
      [MembersEvents.memberTransferred.type]: async (event, work) => {
        const moved = MembersEvents.memberTransferred.data.parse(event.data);
        const placement = { teamId: moved.toTeamId, position: moved.position };
        const version = subjectVersionOf(event);
        await this.roster.apply({ memberId: moved.memberId, placement, version }, work);
        await this.roster.recordPlacement(
          moved.memberId,
          version,
          new Date(moved.transferredAt),
          placement,
          work,
        );
      },
      [MembersEvents.promotionEffective.type]: change((event) => {
        const promoted = MembersEvents.promotionEffective.data.parse(event.data);
        return { memberId: promoted.memberId, level: promoted.toLevel };
      }),
      [MembersEvents.teamChanged.type]: async (event, work) => {
        const team = MembersEvents.teamChanged.data.parse(event.data);
        await this.roster.applyTeam(team, work);
      },
    };
  }

  private async onHired(event: EventEnvelope, work: Work): Promise<void> {
    const hired = MembersEvents.memberHired.data.parse(event.data);
    await this.roster.apply(
      {
        memberId: hired.memberId,
        version: subjectVersionOf(event),
        hiredAt: new Date(hired.hiredAt),
        status: 'probation',
        placement: { teamId: hired.teamId, position: hired.position },
        level: hired.level,
        name: hired.name ?? null,
      },
      work,
    );
    await this.roster.recordPlacement(
      hired.memberId,
      subjectVersionOf(event),
      new Date(hired.hiredAt),
      { teamId: hired.teamId, position: hired.position },
      work,
    );
    await this.roster.countHire(hired.teamId, work);
  }
}

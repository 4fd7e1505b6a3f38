import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { MembersEvents } from '@salesops/members-contracts/events';
import {
  type EventConsumerSpec,
  type EventEnvelope,
  EventConsumerHost,
  subjectVersionOf,
} from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { type RosterChange, RosterRepository } from './roster.repository';

/**
 * Keeps who is on which team, in which status and at which level, from the members service's
 * events, for scorecards and roll-ups. Each change applies only over an older version of what it
 * sets, so the order the events arrive in does not matter.
 */
@Injectable()
export class RosterConsumer extends EventConsumerHost {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(RosterRepository) private readonly roster: RosterRepository,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, logger, metrics, unitOfWork, readiness);
  }

  protected spec(): EventConsumerSpec<Work> {
    const change =
      (of: (event: EventEnvelope) => Omit<RosterChange, 'version'>) =>
      async (event: EventEnvelope, work: Work) => {
        await this.roster.apply({ ...of(event), version: subjectVersionOf(event) }, work);
      };
    return {
      name: 'performance-roster',
      source: 'members',
      handlers: {
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
        [MembersEvents.memberTransferred.type]: change((event) => {
          const moved = MembersEvents.memberTransferred.data.parse(event.data);
          return {
            memberId: moved.memberId,
            placement: { teamId: moved.toTeamId, position: moved.position },
          };
        }),
        [MembersEvents.promotionEffective.type]: change((event) => {
          const promoted = MembersEvents.promotionEffective.data.parse(event.data);
          return { memberId: promoted.memberId, level: promoted.toLevel };
        }),
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
      },
      work,
    );
    await this.roster.countHire(hired.teamId, work);
  }
}

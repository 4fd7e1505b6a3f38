import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { MembersEvents } from '@salesops/members-contracts/events';
import { type EventConsumerSpec, type EventEnvelope, EventConsumerHost } from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { RosterRepository } from './roster.repository';

/** Keeps who is on which team, from the members service's events, for scorecards and roll-ups. */
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
    return {
      name: 'performance-roster',
      source: 'members',
      handlers: { [MembersEvents.memberHired.type]: (event, work) => this.onHired(event, work) },
    };
  }

  private async onHired(event: EventEnvelope, work: Work): Promise<void> {
    const hired = MembersEvents.memberHired.data.parse(event.data);
    await this.roster.upsert(
      {
        memberId: hired.memberId,
        teamId: hired.teamId,
        position: hired.position,
        level: hired.level,
        status: 'probation',
        hiredAt: new Date(hired.hiredAt),
      },
      work,
    );
    await this.roster.countHire(hired.teamId, work);
  }
}

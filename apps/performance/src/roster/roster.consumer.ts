import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { MembersEvents } from '@salesops/members-contracts';
import { type EventConsumerSpec, type EventEnvelope, EventConsumerHost } from '@salesops/messaging';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { PrismaService, type Tx } from '../database/prisma.service';
import { RosterRepository } from './roster.repository';

/** Keeps who is on which team, from the members service's events, for scorecards and roll-ups. */
@Injectable()
export class RosterConsumer extends EventConsumerHost<Tx> {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(RosterRepository) private readonly roster: RosterRepository,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, logger, metrics, readiness);
  }

  protected spec(): EventConsumerSpec<Tx> {
    return {
      name: 'performance-roster',
      source: 'members',
      handlers: { [MembersEvents.memberHired.type]: (event, tx) => this.onHired(event, tx) },
    };
  }

  protected runInTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  private async onHired(event: EventEnvelope, tx: Tx): Promise<void> {
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
      tx,
    );
    await this.roster.countHire(hired.teamId, tx);
  }
}

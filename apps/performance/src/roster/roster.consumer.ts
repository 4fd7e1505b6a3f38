import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { MembersEvents } from '@salesops/members-contracts';
import { type EventEnvelope, EventConsumer } from '@salesops/messaging';
import { LOGGER, Metrics, NATS_CONNECTION } from '@salesops/service-runtime';

import { PrismaService, type Tx } from '../database/prisma.service';
import { RosterRepository } from './roster.repository';

/** Keeps who is on which team, from the members service's events, for scorecards and roll-ups. */
@Injectable()
export class RosterConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer<Tx>;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(RosterRepository) private readonly roster: RosterRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer<Tx>(
      {
        name: 'performance-roster',
        source: 'members',
        handlers: { [MembersEvents.memberHired.type]: (event, tx) => this.onHired(event, tx) },
      },
      jetstream(this.nats),
      await jetstreamManager(this.nats),
      (work) => this.prisma.$transaction(work),
      this.logger,
      this.metrics,
    );
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
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

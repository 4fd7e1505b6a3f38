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
import { EventConsumer } from '@salesops/messaging';
import { LOGGER, Metrics, NATS_CONNECTION } from '@salesops/service-runtime';

import { PrismaService, type Tx } from '../database/prisma.service';
import { SessionsService } from './sessions.service';

/** A member who departs loses every session at once: their next request is refused. */
@Injectable()
export class MemberDeparturesConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer<Tx>;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer<Tx>(
      {
        name: 'gateway-sessions',
        source: 'members',
        handlers: {
          [MembersEvents.memberDeparted.type]: async (event, tx) => {
            const { memberId } = MembersEvents.memberDeparted.data.parse(event.data);
            await this.sessions.endForMember(memberId, 'member departed', tx);
          },
        },
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
}

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { OutboxRelay } from './outbox-relay';
import { streamOf } from './bus-subjects';
import { ensureStream } from './streams';
import { untilBusAnswers } from './until-bus-answers';
import { createPool } from '@salesops/persistence';
import {
  LOGGER,
  Metrics,
  NATS_CONNECTION,
  Readiness,
  SERVICE_CONFIG,
  type ServiceConfig,
} from '@salesops/service-runtime';

/** Relays this service's committed events to its JetStream stream while the process runs. */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly pool;
  private relay?: OutboxRelay;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(Readiness) private readonly readiness: Readiness,
  ) {
    this.pool = createPool(config.databaseUrl, 2, (error) =>
      this.logger.warn({ err: error }, 'outbox relay lost an idle database connection'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await untilBusAnswers(
      `stream of ${this.config.service}`,
      async () => ensureStream(await jetstreamManager(this.nats), streamOf(this.config.service)),
      this.logger,
    );
    this.relay = new OutboxRelay(this.pool, jetstream(this.nats), this.logger, this.metrics);
    this.relay.start();
    const relay = this.relay;
    this.readiness.register('outbox relay', () => relay.check());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.pool.end();
  }
}

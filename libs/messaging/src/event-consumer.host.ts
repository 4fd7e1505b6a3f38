import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';

import type { UnitOfWork, Work } from '@salesops/persistence';
import type { Metrics, Readiness } from '@salesops/service-runtime';

import { EventConsumer, type EventConsumerSpec } from './event-consumer';
import { untilBusAnswers } from './until-bus-answers';

/**
 * Runs a durable consumer while the process runs: started at bootstrap, drained at shutdown. The
 * events that arrive together are applied in one unit of work.
 */
export abstract class EventConsumerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private consumer?: EventConsumer<Work>;

  protected constructor(
    private readonly nats: NatsConnection,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly unitOfWork: Pick<UnitOfWork, 'run'>,
    private readonly readiness: Readiness,
  ) {}

  protected abstract spec(): EventConsumerSpec<Work>;

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer<Work>(
      this.spec(),
      jetstream(this.nats),
      await untilBusAnswers('JetStream', () => jetstreamManager(this.nats), this.logger),
      (work) => this.unitOfWork.run(work),
      this.logger,
      this.metrics,
    );
    await this.consumer.start();
    const consumer = this.consumer;
    this.readiness.register(`consumer ${this.spec().name}`, () => consumer.check());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';

import type { Metrics, Readiness } from '@salesops/service-runtime';

import { EventConsumer, type EventConsumerSpec } from './event-consumer';
import type { SqlRunner } from './sql-runner';

/** Runs a durable consumer while the process runs: started at bootstrap, drained at shutdown. */
export abstract class EventConsumerHost<Tx extends SqlRunner>
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private consumer?: EventConsumer<Tx>;

  protected constructor(
    private readonly nats: NatsConnection,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly readiness: Readiness,
  ) {}

  protected abstract spec(): EventConsumerSpec<Tx>;

  protected abstract runInTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer<Tx>(
      this.spec(),
      jetstream(this.nats),
      await jetstreamManager(this.nats),
      (work) => this.runInTransaction(work),
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

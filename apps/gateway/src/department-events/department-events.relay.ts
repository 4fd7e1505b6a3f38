import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { type EventEnvelope, EventConsumer, untilBusAnswers } from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { DepartmentEventsRepository } from './department-events.repository';
import { EVENT_SOURCES } from './event-catalog';
import { WebhookFanout } from './webhook-fanout';

export const relayConsumerOf = (source: string) => `gateway-departments-${source}`;

/**
 * Takes every event of every source's stream (whatever its type, also types added later) into the
 * gateway's log of department events (the event stream reads it) and the webhook queues, once per
 * event id, in the same transaction.
 */
@Injectable()
export class DepartmentEventsRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumers: EventConsumer<Work>[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(DepartmentEventsRepository) private readonly log: DepartmentEventsRepository,
    @Inject(WebhookFanout) private readonly fanout: WebhookFanout,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(Readiness) private readonly readiness: Readiness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const js = jetstream(this.nats);
    const jsm = await untilBusAnswers('JetStream', () => jetstreamManager(this.nats), this.logger);
    for (const { source } of EVENT_SOURCES) {
      const consumer = new EventConsumer<Work>(
        {
          name: relayConsumerOf(source),
          source,
          handlers: {},
          anyType: (event, work) => this.take(event, work),
        },
        js,
        jsm,
        (work) => this.unitOfWork.run(work, { timeoutMs: 15_000 }),
        this.logger,
        this.metrics,
      );
      await consumer.start();
      this.consumers.push(consumer);
      this.readiness.register(`consumer ${relayConsumerOf(source)}`, () => consumer.check());
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }

  private async take(event: EventEnvelope, work: Work): Promise<void> {
    await this.log.append(event, work);
    await this.fanout.enqueue(event, work);
  }
}

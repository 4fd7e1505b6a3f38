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
import { EventStreamHub } from './event-stream.hub';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookFanout } from './webhook-fanout';

export const relayConsumerOf = (source: string) => `gateway-departments-${source}`;

/**
 * Takes every event of every source's stream (whatever its type, also types added later) into the
 * gateway's log of department events (the event stream reads it) and the webhook queues, once per
 * event id, in the same transaction; the events that arrived together in one. Once it commits, this
 * instance's event streams and webhook sender are woken (other instances find the rows by polling).
 */
@Injectable()
export class DepartmentEventsRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumers: EventConsumer<Work>[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(DepartmentEventsRepository) private readonly log: DepartmentEventsRepository,
    @Inject(WebhookFanout) private readonly fanout: WebhookFanout,
    @Inject(EventStreamHub) private readonly hub: EventStreamHub,
    @Inject(WebhookDispatcher) private readonly dispatcher: WebhookDispatcher,
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
          anyType: (events, work) => this.take(events, work),
        },
        js,
        jsm,
        (work) => this.committed(work),
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

  /** Whether the transaction queued webhook deliveries, known once it has committed. */
  private readonly queued = new WeakSet<Work>();

  private async committed<T>(work: (work: Work) => Promise<T>): Promise<T> {
    let queued = false;
    const result = await this.unitOfWork.run(
      async (tx) => {
        const value = await work(tx);
        queued = this.queued.has(tx);
        return value;
      },
      { timeoutMs: 15_000 },
    );
    this.hub.wake();
    if (queued) this.dispatcher.wake();
    return result;
  }

  private async take(events: readonly EventEnvelope[], work: Work): Promise<void> {
    await this.log.append(events, work);
    if ((await this.fanout.enqueue(events, work)) > 0) this.queued.add(work);
  }
}

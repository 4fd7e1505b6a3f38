import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { type EventConsumerSpec, EventConsumerHost } from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { FACT_CONSUMERS, FactHandlers, type FactSource } from './fact-handlers';

/** Events whose facts are written in one statement, at most: a backlog goes 500 at a time. */
const FACTS_BATCH = 500;

/** One durable consumer per source stream, each recording the facts of its events once. */
abstract class FactsConsumer extends EventConsumerHost {
  protected abstract readonly source: FactSource;

  constructor(
    nats: NatsConnection,
    unitOfWork: UnitOfWork,
    private readonly handlers: FactHandlers,
    logger: Logger,
    metrics: Metrics,
    readiness: Readiness,
  ) {
    super(nats, logger, metrics, unitOfWork, readiness);
  }

  protected spec(): EventConsumerSpec<Work> {
    return {
      name: FACT_CONSUMERS[this.source],
      source: this.source,
      handlers: this.handlers.of(this.source),
      applyTogether: this.handlers.together(this.source),
      batchLimit: FACTS_BATCH,
    };
  }
}

const injected = [NATS_CONNECTION, UnitOfWork, FactHandlers, LOGGER, Metrics, Readiness] as const;

@Injectable()
export class OrdersFactsConsumer extends FactsConsumer {
  protected readonly source = 'orders';
  constructor(
    @Inject(injected[0]) nats: NatsConnection,
    @Inject(injected[1]) unitOfWork: UnitOfWork,
    @Inject(injected[2]) handlers: FactHandlers,
    @Inject(injected[3]) logger: Logger,
    @Inject(injected[4]) metrics: Metrics,
    @Inject(injected[5]) readiness: Readiness,
  ) {
    super(nats, unitOfWork, handlers, logger, metrics, readiness);
  }
}

@Injectable()
export class CustomersFactsConsumer extends FactsConsumer {
  protected readonly source = 'customers';
  constructor(
    @Inject(injected[0]) nats: NatsConnection,
    @Inject(injected[1]) unitOfWork: UnitOfWork,
    @Inject(injected[2]) handlers: FactHandlers,
    @Inject(injected[3]) logger: Logger,
    @Inject(injected[4]) metrics: Metrics,
    @Inject(injected[5]) readiness: Readiness,
  ) {
    super(nats, unitOfWork, handlers, logger, metrics, readiness);
  }
}

@Injectable()
export class TrainingFactsConsumer extends FactsConsumer {
  protected readonly source = 'training';
  constructor(
    @Inject(injected[0]) nats: NatsConnection,
    @Inject(injected[1]) unitOfWork: UnitOfWork,
    @Inject(injected[2]) handlers: FactHandlers,
    @Inject(injected[3]) logger: Logger,
    @Inject(injected[4]) metrics: Metrics,
    @Inject(injected[5]) readiness: Readiness,
  ) {
    super(nats, unitOfWork, handlers, logger, metrics, readiness);
  }
}

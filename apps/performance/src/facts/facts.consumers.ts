import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { type EventConsumerSpec, EventConsumerHost } from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
import { FACT_CONSUMERS, FactHandlers, type FactSource } from './fact-handlers';

/** Events whose facts are written in one statement, at most: a backlog goes 500 at a time. */
const FACTS_BATCH = 500;

/**
 * One durable consumer per source stream, each recording the facts of its events once; each
 * batch's transaction counts a change of the rankings' inputs last.
 */
abstract class FactsConsumer extends EventConsumerHost {
  constructor(
    private readonly source: FactSource,
    nats: NatsConnection,
    unitOfWork: UnitOfWork,
    private readonly handlers: FactHandlers,
    inputs: RankingInputsRepository,
    logger: Logger,
    metrics: Metrics,
    readiness: Readiness,
  ) {
    super(
      nats,
      logger,
      metrics,
      inputs.countingChanges(unitOfWork, FACT_CONSUMERS[source]),
      readiness,
    );
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

const injected = [
  NATS_CONNECTION,
  UnitOfWork,
  FactHandlers,
  RankingInputsRepository,
  LOGGER,
  Metrics,
  Readiness,
] as const;

@Injectable()
export class OrdersFactsConsumer extends FactsConsumer {
  constructor(
    @Inject(injected[0]) nats: NatsConnection,
    @Inject(injected[1]) unitOfWork: UnitOfWork,
    @Inject(injected[2]) handlers: FactHandlers,
    @Inject(injected[3]) inputs: RankingInputsRepository,
    @Inject(injected[4]) logger: Logger,
    @Inject(injected[5]) metrics: Metrics,
    @Inject(injected[6]) readiness: Readiness,
  ) {
    super('orders', nats, unitOfWork, handlers, inputs, logger, metrics, readiness);
  }
}

@Injectable()
export class CustomersFactsConsumer extends FactsConsumer {
  constructor(
    @Inject(injected[0]) nats: NatsConnection,
    @Inject(injected[1]) unitOfWork: UnitOfWork,
    @Inject(injected[2]) handlers: FactHandlers,
    @Inject(injected[3]) inputs: RankingInputsRepository,
    @Inject(injected[4]) logger: Logger,
    @Inject(injected[5]) metrics: Metrics,
    @Inject(injected[6]) readiness: Readiness,
  ) {
    super('customers', nats, unitOfWork, handlers, inputs, logger, metrics, readiness);
  }
}

@Injectable()
export class TrainingFactsConsumer extends FactsConsumer {
  constructor(
    @Inject(injected[0]) nats: NatsConnection,
    @Inject(injected[1]) unitOfWork: UnitOfWork,
    @Inject(injected[2]) handlers: FactHandlers,
    @Inject(injected[3]) inputs: RankingInputsRepository,
    @Inject(injected[4]) logger: Logger,
    @Inject(injected[5]) metrics: Metrics,
    @Inject(injected[6]) readiness: Readiness,
  ) {
    super('training', nats, unitOfWork, handlers, inputs, logger, metrics, readiness);
  }
}

import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { type EventConsumerSpec, EventConsumerHost, type EventEnvelope } from '@salesops/messaging';
import type { Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { PgUnitOfWork } from '../database/pg-unit-of-work';
import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
import { FACT_CONSUMERS, FactHandlers, type FactSource } from './fact-handlers';

/** Events of one batch, at most: a backlog goes 1,000 at a time, 500 to a lane of orders. */
const FACTS_BATCH = 1000;

/**
 * Transactions of one batch applied at once: an order's events share one, so a refund or a
 * cancellation still reads the completion before it. Two keep the service and PostgreSQL working
 * at the same time (one at a time left performance half idle); four, once the facts were their
 * own inbox, applied ~15 % less than two (alternated runs of perfApply, bench/README).
 */
const ORDER_LANES = 2;

const orderOf = (event: EventEnvelope): string | undefined => {
  const { orderId } = event.data as { orderId?: unknown };
  return typeof orderId === 'string' ? orderId : undefined;
};

/**
 * One durable consumer per source stream, each recording the facts of its events once; each
 * batch's transaction (straight on `pg`, see PgUnitOfWork) counts a change of the rankings'
 * inputs last.
 */
abstract class FactsConsumer extends EventConsumerHost {
  constructor(
    private readonly source: FactSource,
    nats: NatsConnection,
    unitOfWork: PgUnitOfWork,
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
      // A fact is keyed by its event and member: the facts are the consumer's inbox.
      idempotentHandlers: true,
      batchLimit: FACTS_BATCH,
      lanes: this.source === 'orders' ? { count: ORDER_LANES, keyOf: orderOf } : undefined,
    };
  }
}

const injected = [
  NATS_CONNECTION,
  PgUnitOfWork,
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
    @Inject(injected[1]) unitOfWork: PgUnitOfWork,
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
    @Inject(injected[1]) unitOfWork: PgUnitOfWork,
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
    @Inject(injected[1]) unitOfWork: PgUnitOfWork,
    @Inject(injected[2]) handlers: FactHandlers,
    @Inject(injected[3]) inputs: RankingInputsRepository,
    @Inject(injected[4]) logger: Logger,
    @Inject(injected[5]) metrics: Metrics,
    @Inject(injected[6]) readiness: Readiness,
  ) {
    super('training', nats, unitOfWork, handlers, inputs, logger, metrics, readiness);
  }
}

import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { type EventConsumerSpec, EventConsumerHost } from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
import { RosterHandlers } from './roster-handlers';

export const ROSTER_CONSUMER = 'performance-roster';

/**
 * Keeps the roster and the team tree from the members service's events; each batch's transaction
 * counts a change of the rankings' inputs last.
 */
@Injectable()
export class RosterConsumer extends EventConsumerHost {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(RosterHandlers) private readonly handlers: RosterHandlers,
    @Inject(RankingInputsRepository) inputs: RankingInputsRepository,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, logger, metrics, inputs.countingChanges(unitOfWork, ROSTER_CONSUMER), readiness);
  }

  protected spec(): EventConsumerSpec<Work> {
    return { name: ROSTER_CONSUMER, source: 'members', handlers: this.handlers.of() };
  }
}

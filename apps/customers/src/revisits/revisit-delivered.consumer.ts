import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { type EventConsumerSpec, type EventEnvelope, EventConsumerHost } from '@salesops/messaging';
import { OrdersEvents } from '@salesops/orders-contracts/events';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { CustomersRepository } from '../customers/customers.repository';
import { RevisitsService } from './revisits.service';

/**
 * A delivered order makes its customer's first revisit due, once per order: the inbox skips the
 * same event again, and the revisit's unique order the same delivery under another event id.
 */
@Injectable()
export class RevisitDeliveredConsumer extends EventConsumerHost {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(RevisitsService) private readonly revisits: RevisitsService,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, logger, metrics, unitOfWork, readiness);
  }

  protected spec(): EventConsumerSpec<Work> {
    return {
      name: 'customers-revisits',
      source: 'orders',
      handlers: {
        [OrdersEvents.orderDelivered.type]: (event, work) => this.onDelivered(event, work),
      },
    };
  }

  private async onDelivered(event: EventEnvelope, work: Work): Promise<void> {
    const delivered = OrdersEvents.orderDelivered.data.parse(event.data);
    const customer = await this.customers.findById(delivered.customerId, work);
    if (!customer) return;
    await this.revisits.afterDelivery(
      {
        customerId: customer.id,
        teamId: customer.teamId,
        orderId: delivered.orderId,
        deliveredAt: new Date(delivered.at),
      },
      work,
    );
  }
}

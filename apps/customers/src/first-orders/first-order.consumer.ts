import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { OrdersEvents } from '@salesops/orders-contracts/events';
import {
  type EventConsumerSpec,
  type EventEnvelope,
  EventConsumerHost,
  subjectVersionOf,
} from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { backgroundIdentity } from '@salesops/rpc';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { isOpen } from '../customers/customer-stage';
import { CustomersRepository } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import { FirstOrdersRepository } from './first-orders.repository';
import type { CustomerStage } from '@salesops/customers-contracts';

/** Orders' own name on the customer's history when its first completed order makes it won. */
const ORDERS = backgroundIdentity('orders', []);

/**
 * A customer's first completed order makes it won, once: the first completed order is recorded
 * whatever the customer's stage, so a later order, or the same completion again under another
 * event id (a redelivery beyond the inbox, a re-announcement), changes nothing even after a lost or
 * dormant customer was reopened; a customer already lost or dormant keeps that stage for a person
 * to reopen (and a leader to mark won).
 */
@Injectable()
export class FirstOrderConsumer extends EventConsumerHost {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(CustomersService) private readonly service: CustomersService,
    @Inject(FirstOrdersRepository) private readonly firstOrders: FirstOrdersRepository,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, logger, metrics, unitOfWork, readiness);
  }

  protected spec(): EventConsumerSpec<Work> {
    return {
      name: 'customers-first-orders',
      source: 'orders',
      handlers: {
        [OrdersEvents.orderCompleted.type]: (event, work) => this.onCompleted(event, work),
      },
    };
  }

  private async onCompleted(event: EventEnvelope, work: Work): Promise<void> {
    const completed = OrdersEvents.orderCompleted.data.parse(event.data);
    const customer = await this.customers.findById(completed.customerId, work);
    if (!customer) return;
    const wins = isOpen(customer.stage as CustomerStage);
    const first = await this.firstOrders.recordFirst(
      {
        customerId: customer.id,
        orderId: completed.orderId,
        orderVersion: subjectVersionOf(event),
        won: wins,
      },
      work,
    );
    if (!first || !wins) return;
    await this.service.changeStage(
      customer,
      { kind: 'win' },
      ORDERS,
      work,
      'first completed order',
    );
  }
}

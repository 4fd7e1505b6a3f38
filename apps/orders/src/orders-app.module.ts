import { Module } from '@nestjs/common';

import { OutboxRelayHost, RetentionHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { OrderHandoverController } from './handover/order-handover.controller';
import { OrdersTasksController } from './tasks/orders-tasks.controller';

/** The orders service: its features arrive with their issues; the runtime and relay are in place. */
@Module({
  imports: [DatabaseModule],
  controllers: [OrderHandoverController, OrdersTasksController],
  providers: [OutboxRelayHost, RetentionHost],
})
export class OrdersAppModule {}

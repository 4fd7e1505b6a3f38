import { Module } from '@nestjs/common';

import { OutboxRelayHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { OrderHandoverController } from './handover/order-handover.controller';
import { OrdersModule } from './orders/orders.module';
import { ProductsModule } from './products/products.module';
import { OrdersTasksController } from './tasks/orders-tasks.controller';

/** The orders service: one module per feature folder. */
@Module({
  imports: [DatabaseModule, ProductsModule, OrdersModule],
  controllers: [OrderHandoverController, OrdersTasksController],
  providers: [OutboxRelayHost],
})
export class OrdersAppModule {}

import { Module } from '@nestjs/common';

import { OutboxRelayHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { OrderHandoverModule } from './handover/order-handover.module';
import { OrdersModule } from './orders/orders.module';
import { ProductsModule } from './products/products.module';
import { OrdersTasksController } from './tasks/orders-tasks.controller';

/** The orders service: one module per feature folder. */
@Module({
  imports: [DatabaseModule, ProductsModule, OrdersModule, OrderHandoverModule],
  controllers: [OrdersTasksController],
  providers: [OutboxRelayHost],
})
export class OrdersAppModule {}

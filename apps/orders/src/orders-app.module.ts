import { Module } from '@nestjs/common';

import { OutboxRelayHost, RetentionHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { OrderHandoverModule } from './handover/order-handover.module';
import { OrdersModule } from './orders/orders.module';
import { ProductsModule } from './products/products.module';
import { SalesContractsModule } from './sales-contracts/sales-contracts.module';
import { OrdersTasksModule } from './tasks/orders-tasks.module';

/** The orders service: one module per feature folder. */
@Module({
  imports: [
    DatabaseModule,
    ProductsModule,
    OrdersModule,
    SalesContractsModule,
    OrderHandoverModule,
    OrdersTasksModule,
  ],
  providers: [OutboxRelayHost, RetentionHost],
})
export class OrdersAppModule {}

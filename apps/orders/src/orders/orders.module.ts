import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { CustomerDirectory } from '../customers/customer-directory';
import { ProductsModule } from '../products/products.module';
import { SalesContractsModule } from '../sales-contracts/sales-contracts.module';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

@Module({
  imports: [ProductsModule, SalesContractsModule],
  controllers: [OrdersController],
  providers: [
    OrdersService,
    OrdersRepository,
    CustomerDirectory,
    companyCalendarProvider,
    // The system clock; outside production, TEST_CLOCK_FILE moves it (the order's year, the
    // business times and its events' period and moment).
    { provide: Clock, useFactory: () => clockFromEnv() },
  ],
  exports: [OrdersService, OrdersRepository],
})
export class OrdersModule {}

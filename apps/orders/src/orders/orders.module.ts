import { Module } from '@nestjs/common';

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
  providers: [OrdersService, OrdersRepository, CustomerDirectory, companyCalendarProvider],
  exports: [OrdersService, OrdersRepository],
})
export class OrdersModule {}

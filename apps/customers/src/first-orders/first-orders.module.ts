import { Module } from '@nestjs/common';

import { CustomersModule } from '../customers/customers.module';
import { FirstOrderConsumer } from './first-order.consumer';
import { FirstOrdersRepository } from './first-orders.repository';

@Module({ imports: [CustomersModule], providers: [FirstOrderConsumer, FirstOrdersRepository] })
export class FirstOrdersModule {}

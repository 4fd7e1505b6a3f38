import { Module } from '@nestjs/common';

import { CustomersModule } from '../customers/customers.module';
import { FirstOrderConsumer } from './first-order.consumer';

@Module({ imports: [CustomersModule], providers: [FirstOrderConsumer] })
export class FirstOrdersModule {}

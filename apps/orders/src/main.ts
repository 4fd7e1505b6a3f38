import 'reflect-metadata';

import { runService } from '@salesops/service-runtime';

import { OrdersAppModule } from './orders-app.module';

void runService('orders', () => OrdersAppModule);

import 'reflect-metadata';

import { runService } from '@salesops/service-runtime';

import { CustomersAppModule } from './customers-app.module';

void runService('customers', () => CustomersAppModule);

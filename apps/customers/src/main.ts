import 'reflect-metadata';

import { loadConfig, loadConfigOrExit, runService } from '@salesops/service-runtime';

import { CustomersAppModule } from './customers-app.module';
import { customersEnvSchema } from './customers-config';

const settings = loadConfigOrExit('customers', () => loadConfig(customersEnvSchema));
void runService('customers', () => CustomersAppModule.with(settings));

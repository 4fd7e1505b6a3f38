import 'reflect-metadata';

import { runService } from '@salesops/service-runtime';

import { PerformanceAppModule } from './performance-app.module';

void runService('performance', () => PerformanceAppModule);

import 'reflect-metadata';

import { runService } from '@salesops/service-runtime';

import { TrainingAppModule } from './training-app.module';

void runService('training', () => TrainingAppModule);

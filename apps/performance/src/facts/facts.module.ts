import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { PgUnitOfWork } from '../database/pg-unit-of-work';
import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
import { RankingsRepository } from '../rankings/rankings.repository';
import { FactHandlers } from './fact-handlers';
import {
  CustomersFactsConsumer,
  OrdersFactsConsumer,
  TrainingFactsConsumer,
} from './facts.consumers';
import { FactsRepository } from './facts.repository';

@Module({
  providers: [
    companyCalendarProvider,
    { provide: Clock, useFactory: () => clockFromEnv() },
    PgUnitOfWork,
    FactsRepository,
    FactHandlers,
    RankingInputsRepository,
    RankingsRepository,
    OrdersFactsConsumer,
    CustomersFactsConsumer,
    TrainingFactsConsumer,
  ],
  exports: [FactsRepository, FactHandlers, companyCalendarProvider],
})
export class FactsModule {}

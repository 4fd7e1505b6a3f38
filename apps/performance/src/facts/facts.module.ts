import { Module } from '@nestjs/common';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { PgUnitOfWork } from '../database/pg-unit-of-work';
import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
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
    PgUnitOfWork,
    FactsRepository,
    FactHandlers,
    RankingInputsRepository,
    OrdersFactsConsumer,
    CustomersFactsConsumer,
    TrainingFactsConsumer,
  ],
  exports: [FactsRepository, FactHandlers, companyCalendarProvider],
})
export class FactsModule {}

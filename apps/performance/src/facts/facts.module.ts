import { Module } from '@nestjs/common';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
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

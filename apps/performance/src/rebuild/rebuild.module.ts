import { Module } from '@nestjs/common';

import { DatabaseModule } from '../database/database.module';
import { FactHandlers } from '../facts/fact-handlers';
import { FactsRepository } from '../facts/facts.repository';
import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
import { RosterHandlers } from '../roster/roster-handlers';
import { RosterRepository } from '../roster/roster.repository';
import { Rebuilder } from './rebuilder';

/** The handlers and what they write, without the live consumers: for `performance:rebuild`. */
@Module({
  imports: [DatabaseModule],
  providers: [
    companyCalendarProvider,
    FactsRepository,
    FactHandlers,
    RosterRepository,
    RosterHandlers,
    RankingInputsRepository,
    Rebuilder,
  ],
})
export class RebuildModule {}

import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { DatabaseModule } from '../database/database.module';
import { FactHandlers } from '../facts/fact-handlers';
import { FactsRepository } from '../facts/facts.repository';
import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
import { RankingsRepository } from '../rankings/rankings.repository';
import { RosterHandlers } from '../roster/roster-handlers';
import { RosterRepository } from '../roster/roster.repository';
import { Rebuilder } from './rebuilder';

/** The handlers and what they write, without the live consumers: for `performance:rebuild`. */
@Module({
  imports: [DatabaseModule],
  providers: [
    companyCalendarProvider,
    { provide: Clock, useFactory: () => clockFromEnv() },
    FactsRepository,
    FactHandlers,
    RosterRepository,
    RosterHandlers,
    RankingInputsRepository,
    RankingsRepository,
    Rebuilder,
  ],
})
export class RebuildModule {}

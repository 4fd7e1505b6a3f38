import { Module } from '@nestjs/common';

import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
import { RosterHandlers } from './roster-handlers';
import { RosterConsumer } from './roster.consumer';
import { RosterRepository } from './roster.repository';

@Module({
  providers: [RosterConsumer, RosterRepository, RosterHandlers, RankingInputsRepository],
  exports: [RosterRepository, RosterHandlers],
})
export class RosterModule {}

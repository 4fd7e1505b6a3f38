import { Module } from '@nestjs/common';

import { RosterHandlers } from './roster-handlers';
import { RosterConsumer } from './roster.consumer';
import { RosterRepository } from './roster.repository';

@Module({
  providers: [RosterConsumer, RosterRepository, RosterHandlers],
  exports: [RosterRepository, RosterHandlers],
})
export class RosterModule {}

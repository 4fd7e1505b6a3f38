import { Module } from '@nestjs/common';

import { OutboxRelayHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { RosterModule } from './roster/roster.module';

@Module({
  imports: [DatabaseModule, RosterModule],
  providers: [OutboxRelayHost],
})
export class PerformanceAppModule {}

import { Module } from '@nestjs/common';

import { OutboxRelayHost, RetentionHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { FactsModule } from './facts/facts.module';
import { RosterModule } from './roster/roster.module';
import { ScorecardsModule } from './scorecards/scorecards.module';
import { PerformanceTasksController } from './tasks/performance-tasks.controller';

@Module({
  imports: [DatabaseModule, RosterModule, FactsModule, ScorecardsModule],
  controllers: [PerformanceTasksController],
  providers: [OutboxRelayHost, RetentionHost],
})
export class PerformanceAppModule {}

import { Module } from '@nestjs/common';

import { OutboxRelayHost, RetentionHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { ProbationKpisController } from './probation/probation-kpis.controller';
import { RosterModule } from './roster/roster.module';
import { PerformanceTasksController } from './tasks/performance-tasks.controller';

@Module({
  imports: [DatabaseModule, RosterModule],
  controllers: [ProbationKpisController, PerformanceTasksController],
  providers: [OutboxRelayHost, RetentionHost],
})
export class PerformanceAppModule {}

import { Module } from '@nestjs/common';

import { OutboxRelayHost } from '@salesops/messaging';

import { DatabaseModule } from './database/database.module';
import { ProbationKpisController } from './probation/probation-kpis.controller';
import { RosterModule } from './roster/roster.module';

@Module({
  imports: [DatabaseModule, RosterModule],
  controllers: [ProbationKpisController],
  providers: [OutboxRelayHost],
})
export class PerformanceAppModule {}

import { Module } from '@nestjs/common';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { CalendarModule } from '../calendar/calendar.module';
import { MembersModule } from '../members/members.module';
import { TeamLifeController } from './team-life.controller';
import { TeamLifeRepository } from './team-life.repository';
import { TeamLifeService } from './team-life.service';

@Module({
  imports: [MembersModule, CalendarModule],
  controllers: [TeamLifeController],
  providers: [
    TeamLifeService,
    TeamLifeRepository,
    // The system clock; outside production, TEST_CLOCK_FILE lets tests move it.
    { provide: Clock, useFactory: () => clockFromEnv() },
  ],
  exports: [TeamLifeService],
})
export class TeamLifeModule {}

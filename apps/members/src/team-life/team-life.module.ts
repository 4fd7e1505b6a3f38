import { Module } from '@nestjs/common';

import { CalendarModule } from '../calendar/calendar.module';
import { MembersModule } from '../members/members.module';
import { TeamLifeController } from './team-life.controller';
import { TeamLifeRepository } from './team-life.repository';
import { TeamLifeService } from './team-life.service';

@Module({
  imports: [MembersModule, CalendarModule],
  controllers: [TeamLifeController],
  providers: [TeamLifeService, TeamLifeRepository],
  exports: [TeamLifeService],
})
export class TeamLifeModule {}

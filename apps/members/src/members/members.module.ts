import { Module } from '@nestjs/common';

import { CalendarModule } from '../calendar/calendar.module';
import { TeamsModule } from '../teams/teams.module';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { Reachable } from './reachable';

@Module({
  imports: [TeamsModule, CalendarModule],
  controllers: [MembersController],
  providers: [MembersService, MembersRepository, Reachable],
  exports: [MembersService, MembersRepository, Reachable],
})
export class MembersModule {}

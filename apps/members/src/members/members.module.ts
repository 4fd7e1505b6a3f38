import { Module } from '@nestjs/common';

import { TeamsModule } from '../teams/teams.module';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { Reachable } from './reachable';

@Module({
  imports: [TeamsModule],
  controllers: [MembersController],
  providers: [MembersService, MembersRepository, Reachable],
  exports: [MembersService, MembersRepository, Reachable],
})
export class MembersModule {}

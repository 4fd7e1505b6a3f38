import { Module } from '@nestjs/common';

import { DatabaseModule } from './database/database.module';
import { OutboxRelayHost } from '@salesops/messaging';
import { MembersModule } from './members/members.module';
import { TeamsModule } from './teams/teams.module';

@Module({
  imports: [DatabaseModule, TeamsModule, MembersModule],
  providers: [OutboxRelayHost],
})
export class MembersAppModule {}

import { type DynamicModule, Module } from '@nestjs/common';

import { DatabaseModule } from './database/database.module';
import { OutboxRelayHost } from '@salesops/messaging';
import { MembersModule, type MembersSettings } from './members/members.module';
import { TasksModule } from './tasks/tasks.module';
import { TeamsModule } from './teams/teams.module';

@Module({})
export class MembersAppModule {
  /** The settings come from the environment, checked before the process starts. */
  static with(settings: MembersSettings): DynamicModule {
    return {
      module: MembersAppModule,
      imports: [DatabaseModule, TeamsModule, MembersModule.with(settings), TasksModule],
      providers: [OutboxRelayHost],
    };
  }
}

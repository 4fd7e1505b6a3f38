import { type DynamicModule, Module } from '@nestjs/common';

import { DatabaseModule } from './database/database.module';
import { OutboxRelayHost } from '@salesops/messaging';
import type { FieldCipher } from '@salesops/persistence';
import { MembersModule } from './members/members.module';
import { TeamsModule } from './teams/teams.module';

@Module({})
export class MembersAppModule {
  /** The contact-field cipher comes from the environment, checked before the process starts. */
  static withCipher(cipher: FieldCipher): DynamicModule {
    return {
      module: MembersAppModule,
      imports: [DatabaseModule, TeamsModule, MembersModule.withCipher(cipher)],
      providers: [OutboxRelayHost],
    };
  }
}

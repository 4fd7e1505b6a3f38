import { type DynamicModule, Module } from '@nestjs/common';

import { OutboxRelayHost, RetentionHost } from '@salesops/messaging';
import { FieldCipherModule } from '@salesops/persistence';

import { DatabaseModule } from './database/database.module';
import { DeparturesModule } from './departures/departures.module';
import { DueTransitionsModule } from './due-transitions/due-transitions.module';
import { MemberLifecycleModule } from './lifecycle/member-lifecycle.module';
import type { MembersSettings } from './members-config';
import { MembersModule } from './members/members.module';
import { PromotionsModule } from './promotions/promotions.module';
import { MemberRecordsModule } from './records/member-records.module';
import { RecruitmentModule } from './recruitment/recruitment.module';
import { TasksModule } from './tasks/tasks.module';
import { TeamLifeModule } from './team-life/team-life.module';
import { TeamsModule } from './teams/teams.module';

/** One module per feature folder; the settings come from the environment, checked at start. */
@Module({})
export class MembersAppModule {
  static with(settings: MembersSettings): DynamicModule {
    return {
      module: MembersAppModule,
      imports: [
        DatabaseModule,
        FieldCipherModule.with(settings.cipher),
        TeamsModule,
        MembersModule,
        MemberLifecycleModule,
        DeparturesModule,
        RecruitmentModule,
        MemberRecordsModule,
        PromotionsModule,
        TeamLifeModule,
        TasksModule,
        DueTransitionsModule.every(settings.sweepIntervalMs),
      ],
      providers: [OutboxRelayHost, RetentionHost],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';

import { FieldCipher } from '@salesops/persistence';

import { MemberLifecycleController } from '../lifecycle/member-lifecycle.controller';
import { MemberLifecycleService } from '../lifecycle/member-lifecycle.service';
import { ApplicationsController } from '../recruitment/applications.controller';
import { ApplicationsRepository } from '../recruitment/applications.repository';
import { ApplicationsService } from '../recruitment/applications.service';
import { MemberRecordsController } from '../records/member-records.controller';
import { MemberRecordsRepository } from '../records/member-records.repository';
import { MemberRecordsService } from '../records/member-records.service';
import { TeamsModule } from '../teams/teams.module';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

@Module({})
export class MembersModule {
  static withCipher(cipher: FieldCipher): DynamicModule {
    return {
      module: MembersModule,
      imports: [TeamsModule],
      controllers: [
        MembersController,
        MemberLifecycleController,
        ApplicationsController,
        MemberRecordsController,
      ],
      providers: [
        MembersService,
        MemberLifecycleService,
        ApplicationsService,
        MemberRecordsService,
        MemberRecordsRepository,
        ApplicationsRepository,
        MembersRepository,
        { provide: FieldCipher, useValue: cipher },
      ],
    };
  }
}

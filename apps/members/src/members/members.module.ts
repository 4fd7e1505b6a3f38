import { type DynamicModule, Module } from '@nestjs/common';

import { FieldCipher } from '@salesops/persistence';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { DueTransitionsSweeper, SWEEP_INTERVAL_MS } from '../lifecycle/due-transitions.sweeper';
import { MemberLifecycleController } from '../lifecycle/member-lifecycle.controller';
import { DeparturesRepository } from '../lifecycle/departures.repository';
import { MemberLifecycleService } from '../lifecycle/member-lifecycle.service';
import { ApplicationsController } from '../recruitment/applications.controller';
import { ApplicationsRepository } from '../recruitment/applications.repository';
import { ApplicationsService } from '../recruitment/applications.service';
import { MemberRecordsController } from '../records/member-records.controller';
import { MemberRecordsRepository } from '../records/member-records.repository';
import { MemberRecordsService } from '../records/member-records.service';
import { PromotionsController } from '../promotions/promotions.controller';
import { PromotionsRepository } from '../promotions/promotions.repository';
import { PromotionsService } from '../promotions/promotions.service';
import { TeamLifeController } from '../team-life/team-life.controller';
import { TeamLifeRepository } from '../team-life/team-life.repository';
import { TeamLifeService } from '../team-life/team-life.service';
import { TeamsModule } from '../teams/teams.module';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { Reachable } from './reachable';

export interface MembersSettings {
  cipher: FieldCipher;
  /** How often due transitions (promotion notices, probation ends) are looked for. */
  sweepIntervalMs: number;
}

@Module({})
export class MembersModule {
  static with({ cipher, sweepIntervalMs }: MembersSettings): DynamicModule {
    return {
      module: MembersModule,
      imports: [TeamsModule],
      controllers: [
        MembersController,
        MemberLifecycleController,
        ApplicationsController,
        MemberRecordsController,
        PromotionsController,
        TeamLifeController,
      ],
      providers: [
        MembersService,
        MemberLifecycleService,
        DeparturesRepository,
        ApplicationsService,
        MemberRecordsService,
        MemberRecordsRepository,
        PromotionsService,
        PromotionsRepository,
        DueTransitionsSweeper,
        TeamLifeService,
        TeamLifeRepository,
        { provide: SWEEP_INTERVAL_MS, useValue: sweepIntervalMs },
        ApplicationsRepository,
        MembersRepository,
        Reachable,
        companyCalendarProvider,
        { provide: FieldCipher, useValue: cipher },
      ],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';

import { DeparturesModule } from '../departures/departures.module';
import { MemberLifecycleModule } from '../lifecycle/member-lifecycle.module';
import { PromotionsModule } from '../promotions/promotions.module';
import { SweepRetriesRepository } from '../sweeps/sweep-retries.repository';
import { TeamLifeModule } from '../team-life/team-life.module';
import { DueTransitionsSweeper, SWEEP_INTERVAL_MS } from './due-transitions.sweeper';

@Module({})
export class DueTransitionsModule {
  /** `intervalMs`: how often due transitions are looked for. */
  static every(intervalMs: number): DynamicModule {
    return {
      module: DueTransitionsModule,
      imports: [PromotionsModule, MemberLifecycleModule, TeamLifeModule, DeparturesModule],
      providers: [
        DueTransitionsSweeper,
        SweepRetriesRepository,
        { provide: SWEEP_INTERVAL_MS, useValue: intervalMs },
      ],
    };
  }
}

import { Module } from '@nestjs/common';

import { RankingsService } from '../rankings/rankings.service';
import { SchemesRepository } from '../schemes/schemes.repository';
import { SchemesService } from '../schemes/schemes.service';
import { TargetsRepository } from '../targets/targets.repository';
import { TargetsService } from '../targets/targets.service';
import { KpiRepository } from './kpi.repository';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsService } from './scorecards.service';

/** Scorecards, their schemes and targets, and the live rankings: all read from the facts. */
@Module({
  controllers: [ScorecardsController],
  providers: [
    KpiRepository,
    ScorecardsService,
    SchemesRepository,
    SchemesService,
    TargetsRepository,
    TargetsService,
    RankingsService,
  ],
})
export class ScorecardsModule {}

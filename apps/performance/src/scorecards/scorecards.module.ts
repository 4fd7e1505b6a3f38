import { Module } from '@nestjs/common';

import { z } from 'zod';

import { Clock, clockFromEnv } from '@salesops/calendar';

import { companyCalendarProvider } from '../calendar/company-calendar.provider';
import { NoticesRepository } from '../notices/notices.repository';
import { NoticesService } from '../notices/notices.service';
import { NoticesSweeper, SWEEP_INTERVAL_MS } from '../notices/notices.sweeper';
import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
import { RankingsRepository } from '../rankings/rankings.repository';
import { RankingsService } from '../rankings/rankings.service';
import { SchemesRepository } from '../schemes/schemes.repository';
import { SchemesService } from '../schemes/schemes.service';
import { TargetsRepository } from '../targets/targets.repository';
import { TargetsService } from '../targets/targets.service';
import { KpiRepository } from './kpi.repository';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsService } from './scorecards.service';

/**
 * Scorecards, their schemes and targets, the live rankings (all read from the facts), and the
 * notices they give, and the rankings frozen at each month's end: `DUE_SWEEP_MS` (1000) is how often
 * due ones are looked for.
 */
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
    RankingsRepository,
    RankingInputsRepository,
    // The system clock; outside production, TEST_CLOCK_FILE lets tests move it (a month's end).
    { provide: Clock, useFactory: () => clockFromEnv() },
    companyCalendarProvider,
    NoticesRepository,
    NoticesService,
    NoticesSweeper,
    {
      provide: SWEEP_INTERVAL_MS,
      useFactory: () =>
        z.coerce.number().int().min(50).default(1000).parse(process.env['DUE_SWEEP_MS']),
    },
  ],
})
export class ScorecardsModule {}

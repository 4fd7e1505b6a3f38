import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER, PeriodicSweeper } from '@salesops/service-runtime';

import { RankingsService } from '../rankings/rankings.service';
import { NoticesService } from './notices.service';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

/** Announces what fell due, every `DUE_SWEEP_MS`; each kind on its own, so one failing stalls no other. */
@Injectable()
export class NoticesSweeper extends PeriodicSweeper {
  constructor(
    @Inject(NoticesService) private readonly notices: NoticesService,
    @Inject(RankingsService) private readonly rankings: RankingsService,
    @Inject(SWEEP_INTERVAL_MS) intervalMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(intervalMs);
  }

  protected async sweep(): Promise<void> {
    await this.rankings.freezeDuePeriods().then(
      (frozen) => {
        if (frozen.length > 0) this.logger.info({ frozen }, 'rankings frozen at the month end');
      },
      (error: unknown) => {
        this.logger.warn({ err: error }, 'month-end rankings failed; retrying at the next sweep');
      },
    );
    await this.notices.announceScorecards().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'scorecard notices failed; retrying at the next sweep');
    });
    await this.notices.judgeCheckpoints().then(
      (flagged) => {
        if (flagged > 0) this.logger.info({ flagged }, 'members below target announced');
      },
      (error: unknown) => {
        this.logger.warn({ err: error }, 'target checkpoints failed; retrying at the next sweep');
      },
    );
  }
}

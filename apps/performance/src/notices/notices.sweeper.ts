import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '@salesops/service-runtime';

import { RankingsService } from '../rankings/rankings.service';
import { NoticesService } from './notices.service';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

/** Announces what fell due, every `DUE_SWEEP_MS`; each kind on its own, so one failing stalls no other. */
@Injectable()
export class NoticesSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(NoticesService) private readonly notices: NoticesService,
    @Inject(RankingsService) private readonly rankings: RankingsService,
    @Inject(SWEEP_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.sweep().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
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

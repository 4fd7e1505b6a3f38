import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '@salesops/service-runtime';

import { ComplaintsService } from './complaints.service';

export const COMPLAINT_SWEEP_INTERVAL_MS = Symbol('COMPLAINT_SWEEP_INTERVAL_MS');

/** Flags the complaint deadlines that have passed, every `DUE_SWEEP_MS`, in every instance. */
@Injectable()
export class ComplaintsSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(ComplaintsService) private readonly complaints: ComplaintsService,
    @Inject(COMPLAINT_SWEEP_INTERVAL_MS) private readonly intervalMs: number,
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
    try {
      const { flagged, failed } = await this.complaints.flagDueBreaches();
      if (flagged > 0) this.logger.info({ flagged }, 'complaint deadlines breached');
      if (failed > 0) {
        this.logger.warn({ failed }, 'complaint breaches failed to flag; each is retried later');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'complaint sweep failed; retrying at the next sweep');
    }
  }
}

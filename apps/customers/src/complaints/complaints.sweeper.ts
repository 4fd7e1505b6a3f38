import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER, PeriodicSweeper } from '@salesops/service-runtime';

import { ComplaintsService } from './complaints.service';

export const COMPLAINT_SWEEP_INTERVAL_MS = Symbol('COMPLAINT_SWEEP_INTERVAL_MS');

/** Flags the complaint deadlines that have passed, every `DUE_SWEEP_MS`, in every instance. */
@Injectable()
export class ComplaintsSweeper extends PeriodicSweeper {
  constructor(
    @Inject(ComplaintsService) private readonly complaints: ComplaintsService,
    @Inject(COMPLAINT_SWEEP_INTERVAL_MS) intervalMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(intervalMs);
  }

  protected async sweep(): Promise<void> {
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

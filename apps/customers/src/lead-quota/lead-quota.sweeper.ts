import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER, PeriodicSweeper } from '@salesops/service-runtime';

import { LeadQuotaService } from './lead-quota.service';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

/** Judges the weeks whose quota fell due, every `DUE_SWEEP_MS`. */
@Injectable()
export class LeadQuotaSweeper extends PeriodicSweeper {
  constructor(
    @Inject(LeadQuotaService) private readonly quota: LeadQuotaService,
    @Inject(SWEEP_INTERVAL_MS) intervalMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(intervalMs);
  }

  protected async sweep(): Promise<void> {
    try {
      const { announced, failed } = await this.quota.judgeDueWeeks();
      if (announced > 0) this.logger.info({ announced }, 'weekly lead quota misses announced');
      if (failed > 0) {
        this.logger.warn({ failed }, 'weekly lead quota: weeks failed; each is retried later');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'lead quota sweep failed; retrying at the next sweep');
    }
  }
}

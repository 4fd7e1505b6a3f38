import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '@salesops/service-runtime';

import { PromotionsService } from './promotions.service';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

/**
 * Ends public notices on time. The due time lives in the database, so a notice that ended while
 * no instance ran is applied at the next start, and instances sweeping together apply it once.
 */
@Injectable()
export class PromotionNoticeSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(PromotionsService) private readonly promotions: PromotionsService,
    @Inject(SWEEP_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.sweep().finally(() => {
        this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
    clearTimeout(this.timer);
  }

  private async sweep(): Promise<void> {
    try {
      const applied = await this.promotions.makeDueEffective();
      if (applied > 0) this.logger.info({ applied }, 'promotions became effective');
    } catch (error) {
      this.logger.warn({ err: error }, 'promotion sweep failed; retrying at the next one');
    }
  }
}

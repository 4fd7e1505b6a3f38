import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '@salesops/service-runtime';

import { importSignal, ImportsService } from './imports.service';

export const IMPORT_POLL_MS = Symbol('IMPORT_POLL_MS');

/** Batches applied at the same time (each holds one database connection while it runs). */
const IMPORT_LANES = 3;

/**
 * Applies the rows of running imports until none is pending, then waits for a job to start (or
 * polls, for jobs started by another instance or left by a restart).
 */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopping = false;
  private readonly wake = () => {
    if (!this.running && !this.stopping) this.tick();
  };

  constructor(
    @Inject(ImportsService) private readonly imports: ImportsService,
    @Inject(IMPORT_POLL_MS) private readonly pollMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    importSignal.on('started', this.wake);
    this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    importSignal.off('started', this.wake);
    clearTimeout(this.timer);
    await this.running;
    clearTimeout(this.timer);
  }

  private tick(): void {
    clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (!this.stopping) this.timer = setTimeout(() => this.tick(), this.pollMs);
    });
  }

  /**
   * IMPORT_LANES batches at a time, on as many connections: a batch mostly waits for PostgreSQL
   * round trips, and SKIP LOCKED gives each its own rows. Two lanes inserting the same contact
   * meet at the unique index: the later one waits and records a duplicate.
   */
  private async drain(): Promise<void> {
    await Promise.all(Array.from({ length: IMPORT_LANES }, () => this.lane()));
  }

  private async lane(): Promise<void> {
    try {
      while (!this.stopping && (await this.imports.applyNextRows()) > 0);
    } catch (error) {
      this.logger.warn({ err: error }, 'import batch failed; retrying at the next poll');
    }
  }
}

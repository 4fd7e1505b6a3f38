import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { DueSweep, sweepMetrics, type SweepObserver, UnitOfWork } from '@salesops/persistence';
import { LOGGER, Metrics } from '@salesops/service-runtime';

import type { DueItemKind, DueItemKindName } from './due-item-kind';
import { DueItemRetriesRepository } from './due-item-retries.repository';

export const DUE_SWEEP_INTERVAL_MS = Symbol('DUE_SWEEP_INTERVAL_MS');

/**
 * Runs the due sweeps of the features that register their kinds (pool, visits, care reminders),
 * each on its own timer from the start of the application. Due times live in the database and are
 * judged by its clock, so what fell due while no instance ran happens at the next start, and
 * instances sweeping together do each item once.
 */
@Injectable()
export class DueSweeps implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly kinds: DueItemKind[] = [];
  private readonly sweeps: DueSweep<DueItemKindName>[] = [];
  private readonly observer: SweepObserver;

  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(DueItemRetriesRepository) private readonly retries: DueItemRetriesRepository,
    @Inject(DUE_SWEEP_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(Metrics) metrics: Metrics,
  ) {
    this.observer = sweepMetrics(metrics);
  }

  /** Called by a feature's module while the application is built (before bootstrap). */
  register(...kinds: DueItemKind[]): void {
    this.kinds.push(...kinds);
  }

  onApplicationBootstrap(): void {
    for (const kind of this.kinds) {
      const sweep = new DueSweep(
        kind,
        this.unitOfWork,
        this.retries,
        this.intervalMs,
        this.logger,
        this.observer,
      );
      this.sweeps.push(sweep);
      sweep.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.sweeps.map((sweep) => sweep.stop()));
  }
}

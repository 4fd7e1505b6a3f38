import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { DueSweepGroup, sweepMetrics, UnitOfWork } from '@salesops/persistence';
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
  private readonly sweeps: DueSweepGroup<DueItemKindName>;

  constructor(
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(DueItemRetriesRepository) retries: DueItemRetriesRepository,
    @Inject(DUE_SWEEP_INTERVAL_MS) intervalMs: number,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
  ) {
    this.sweeps = new DueSweepGroup(unitOfWork, retries, intervalMs, logger, sweepMetrics(metrics));
  }

  /** Called by a feature's module while the application is built (before bootstrap). */
  register(...kinds: DueItemKind[]): void {
    this.kinds.push(...kinds);
  }

  onApplicationBootstrap(): void {
    this.sweeps.start(this.kinds);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeps.stop();
  }
}

import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { type DueKind, DueSweepGroup, sweepMetrics, UnitOfWork } from '@salesops/persistence';
import { LOGGER, Metrics } from '@salesops/service-runtime';

import { PromotionsService } from '../promotions/promotions.service';
import { TeamLifeService } from '../team-life/team-life.service';
import { DepartureSaga } from '../departures/departure-saga.service';
import { MemberLifecycleService } from '../lifecycle/member-lifecycle.service';
import type { SweepKindName } from '../sweeps/sweep-kind';
import { SweepRetriesRepository } from '../sweeps/sweep-retries.repository';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

/**
 * Time-based transitions: promotion notices that ended, probations that ended without a review,
 * approved leave that began; and departures cut short, undone.
 * Due times live in the database and are judged by its clock, so what fell due while no instance
 * ran happens at the next start, instances sweeping together do it once, and an instance whose
 * clock is off acts neither early nor late. Each kind is swept on its own timer.
 */
@Injectable()
export class DueTransitionsSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly kinds: DueKind<SweepKindName>[];
  private readonly sweeps: DueSweepGroup<SweepKindName>;

  constructor(
    @Inject(PromotionsService) promotions: PromotionsService,
    @Inject(MemberLifecycleService) lifecycle: MemberLifecycleService,
    @Inject(TeamLifeService) teamLife: TeamLifeService,
    @Inject(DepartureSaga) departures: DepartureSaga,
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(SweepRetriesRepository) retries: SweepRetriesRepository,
    @Inject(Metrics) metrics: Metrics,
    @Inject(SWEEP_INTERVAL_MS) intervalMs: number,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.kinds = [
      promotions.dueSweep,
      lifecycle.probationSweep,
      teamLife.leaveSweep,
      departures.revertSweep,
    ];
    this.sweeps = new DueSweepGroup(unitOfWork, retries, intervalMs, logger, sweepMetrics(metrics));
  }

  onApplicationBootstrap(): void {
    this.sweeps.start(this.kinds);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeps.stop();
  }
}

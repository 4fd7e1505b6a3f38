import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '@salesops/service-runtime';

import { PromotionsService } from '../promotions/promotions.service';
import { TeamLifeService } from '../team-life/team-life.service';
import { DepartureSaga } from '../departures/departure-saga.service';
import { MemberLifecycleService } from '../lifecycle/member-lifecycle.service';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

/**
 * Time-based transitions: promotion notices that ended, probations that ended without a review,
 * approved leave that began; and departures cut short, undone.
 * Due times live in the database, so what fell due while no instance ran happens at the next
 * start, and instances sweeping together do it once.
 */
@Injectable()
export class DueTransitionsSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(PromotionsService) private readonly promotions: PromotionsService,
    @Inject(MemberLifecycleService) private readonly lifecycle: MemberLifecycleService,
    @Inject(TeamLifeService) private readonly teamLife: TeamLifeService,
    @Inject(DepartureSaga) private readonly departures: DepartureSaga,
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
      const promoted = await this.promotions.makeDueEffective();
      const due = await this.lifecycle.announceDueProbations();
      const leave = await this.teamLife.announceStartedLeave();
      const undone = await this.departures.revertAbandonedHandovers();
      if (promoted + due + leave + undone > 0) {
        this.logger.info({ promoted, due, leave, undone }, 'due transitions applied');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'due transitions failed; retrying at the next sweep');
    }
  }
}

import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';

import { RepeatingPass } from './repeating-pass';

/**
 * A provider that sweeps from the application's start, again `intervalMs` after each sweep ends,
 * until the application shuts down (which waits for the sweep under way). A sweep handles its own
 * errors: it logs them and leaves the work for the next one.
 */
export abstract class PeriodicSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly repeating: RepeatingPass;

  protected constructor(intervalMs: number) {
    this.repeating = new RepeatingPass(() => this.sweep(), intervalMs);
  }

  protected abstract sweep(): Promise<void>;

  onApplicationBootstrap(): void {
    this.repeating.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.repeating.stop();
  }
}

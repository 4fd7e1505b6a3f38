import type { Logger } from 'pino';

import { type DueKind, type DueRetries, DueSweep, type SweepObserver } from './due-sweep';
import type { UnitOfWork } from './unit-of-work';

/** A service's due sweeps, one per kind on its own timer, started and stopped together. */
export class DueSweepGroup<Name extends string = string> {
  private readonly sweeps: DueSweep<Name>[] = [];

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly retries: DueRetries<Name>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly observer: SweepObserver,
  ) {}

  start(kinds: readonly DueKind<Name>[]): void {
    for (const kind of kinds) {
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

  async stop(): Promise<void> {
    await Promise.all(this.sweeps.map((sweep) => sweep.stop()));
  }
}

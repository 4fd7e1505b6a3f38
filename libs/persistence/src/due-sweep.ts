import type { Logger } from 'pino';

import { RepeatingPass } from '@salesops/service-runtime';

import { applyEachClaimed, type ClaimedItems } from './claimed-items';
import type { UnitOfWork, Work } from './unit-of-work';

/**
 * One kind of due item of a service. `prepare` runs at the start of every pass (e.g. to compute
 * due times); `claim` finds one item due by the database clock and not waiting for a retry, locked
 * (`FOR UPDATE SKIP LOCKED`) until the transaction ends; `apply` does it in that transaction;
 * `failed` records, in a transaction of its own, what an attempt that failed leaves behind.
 */
export interface DueKind<Name extends string = string> {
  readonly name: Name;
  prepare?(): Promise<void>;
  claim(work: Work): Promise<string | null>;
  apply(itemId: string, work: Work): Promise<void>;
  failed?(itemId: string, work: Work): Promise<void>;
}

/** Where a service keeps the items whose last attempt failed, and when each is tried next. */
export interface DueRetries<Name extends string = string> {
  failed(kind: Name, itemId: string, error: string, work: Work): Promise<void>;
  done(kind: Name, itemId: string, work: Work): Promise<void>;
}

export interface SweepObserver {
  /** A pass over the due items of a kind ended (whether or not any was due). */
  passed(kind: string): void;
  /** An item's attempt failed; it waits for its next one. */
  failed(kind: string): void;
}

/**
 * Sweeps one kind of due item on its own timer, so a kind that fails or hangs stalls no other.
 * Each item runs in a transaction of its own; one that fails gets its own next attempt time with
 * backoff and the items behind it go on.
 */
export class DueSweep<Name extends string = string> {
  private readonly repeating: RepeatingPass;
  private stopped = false;

  constructor(
    private readonly kind: DueKind<Name>,
    private readonly unitOfWork: UnitOfWork,
    private readonly retries: DueRetries<Name>,
    intervalMs: number,
    private readonly logger: Logger,
    private readonly observer: SweepObserver,
  ) {
    this.repeating = new RepeatingPass(() => this.pass(), intervalMs);
  }

  start(): void {
    this.repeating.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.repeating.stop();
  }

  /** Every item due now, each tried once; the number done. */
  async pass(): Promise<number> {
    let done = 0;
    try {
      await this.kind.prepare?.();
      done = (await applyEachClaimed(this.unitOfWork, this.items, () => this.stopped)).done.length;
      if (done > 0) this.logger.info({ kind: this.kind.name, done }, 'due items applied');
    } catch (error) {
      this.logger.warn(
        { err: error, kind: this.kind.name },
        'due items stopped; retrying at the next sweep',
      );
    }
    this.observer.passed(this.kind.name);
    return done;
  }

  /** The kind's items: one done leaves no retry behind, one that fails is put back to wait. */
  private readonly items: ClaimedItems<string, void> = {
    claim: (work) => this.kind.claim(work),
    apply: async (id, work) => {
      await this.kind.apply(id, work);
      await this.retries.done(this.kind.name, id, work);
    },
    failed: (id, error) => this.putBack(id, error),
  };

  private async putBack(itemId: string, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    this.observer.failed(this.kind.name);
    this.logger.warn(
      { err: error, kind: this.kind.name, itemId },
      'a due item failed; it is retried later',
    );
    await this.unitOfWork.run(async (work) => {
      await this.kind.failed?.(itemId, work);
      await this.retries.failed(this.kind.name, itemId, reason, work);
    });
  }
}

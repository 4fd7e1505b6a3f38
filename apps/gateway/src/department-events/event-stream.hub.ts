import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '@salesops/service-runtime';

import { DepartmentEventsRepository, type LoggedEvent } from './department-events.repository';

/** What the hub hands its clients: every new row of the log, in order. */
export interface StreamListener {
  /** The rows of one read, in order. */
  offerAll(rows: readonly LoggedEvent[]): void;
}

/** How often the log is read without a wake: rows that other instances' relays appended. */
const FALLBACK_POLL_MS = 250;
const PAGE = 500;

/**
 * One reader of the gateway's event log per instance, however many stream clients it serves: it
 * reads what was appended after what it last read and offers each row to every client, which
 * filters it for its caller. It reads when this instance's relay has committed rows (`wake`) and
 * every FALLBACK_POLL_MS. Rows commit in id order (the log's writers take turns), so reading
 * "after the last id seen" skips none.
 */
@Injectable()
export class EventStreamHub implements BeforeApplicationShutdown {
  private readonly listeners = new Set<StreamListener>();
  private position?: Promise<bigint>;
  private timer?: NodeJS.Timeout;
  private polling = false;
  /** Woken while reading: read once more when done. */
  private again = false;

  constructor(
    @Inject(DepartmentEventsRepository) private readonly log: DepartmentEventsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** From now on the listener is offered every row after the hub's position. */
  async join(listener: StreamListener): Promise<void> {
    this.position ??= this.log.last();
    this.listeners.add(listener);
    await this.position;
    this.timer ??= setInterval(() => void this.poll(false), FALLBACK_POLL_MS);
  }

  /** New rows were committed: every listener gets them now rather than at the next poll. */
  wake(): void {
    if (this.timer) void this.poll(true);
  }

  leave(listener: StreamListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.position = undefined;
    }
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Reads what is new; `woken` during a read: once more after it, for rows it may have missed. */
  private async poll(woken: boolean): Promise<void> {
    if (this.polling) {
      if (woken) this.again = true;
      return;
    }
    if (!this.position) return;
    this.polling = true;
    try {
      do {
        this.again = false;
        await this.readAll();
      } while (this.again && this.position !== undefined);
    } catch (error) {
      this.logger.warn({ err: error }, 'event stream could not read the event log');
    } finally {
      this.polling = false;
    }
  }

  private async readAll(): Promise<void> {
    if (!this.position) return;
    let position = await this.position;
    for (;;) {
      const rows = await this.log.after(position, PAGE);
      const last = rows.at(-1);
      if (last) {
        for (const listener of this.listeners) listener.offerAll(rows);
        position = last.seq;
      }
      if (this.position !== undefined) this.position = Promise.resolve(position);
      if (rows.length < PAGE || this.listeners.size === 0) break;
    }
  }
}

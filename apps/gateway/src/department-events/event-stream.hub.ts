import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '@salesops/service-runtime';

import { DepartmentEventsRepository, type LoggedEvent } from './department-events.repository';

/** What the hub hands its clients: every new row of the log, in order. */
export interface StreamListener {
  offer(event: LoggedEvent): void;
}

const POLL_MS = 100;
const PAGE = 500;

/**
 * One reader of the gateway's event log per instance, however many stream clients it serves: it
 * reads what was appended after what it last read and offers each row to every client, which
 * filters it for its caller. Rows commit in id order (the log's writers take turns), so reading
 * "after the last id seen" skips none.
 */
@Injectable()
export class EventStreamHub implements BeforeApplicationShutdown {
  private readonly listeners = new Set<StreamListener>();
  private position?: Promise<bigint>;
  private timer?: NodeJS.Timeout;
  private polling = false;

  constructor(
    @Inject(DepartmentEventsRepository) private readonly log: DepartmentEventsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** From now on the listener is offered every row after the hub's position. */
  async join(listener: StreamListener): Promise<void> {
    this.position ??= this.log.last();
    this.listeners.add(listener);
    await this.position;
    this.timer ??= setInterval(() => void this.poll(), POLL_MS);
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

  private async poll(): Promise<void> {
    if (this.polling || !this.position) return;
    this.polling = true;
    try {
      let position = await this.position;
      for (;;) {
        const rows = await this.log.after(position, PAGE);
        for (const row of rows) {
          for (const listener of this.listeners) listener.offer(row);
          position = row.seq;
        }
        if (this.position !== undefined) this.position = Promise.resolve(position);
        if (rows.length < PAGE || this.listeners.size === 0) break;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'event stream could not read the event log');
    } finally {
      this.polling = false;
    }
  }
}

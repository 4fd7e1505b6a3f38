import type { ServerResponse } from 'node:http';

import type { IdentityClaims } from '@salesops/rpc';

import type { LoggedEvent } from './department-events.repository';
import { eventFor, typeMatches } from './event-visibility';
import type { StreamListener } from './event-stream.hub';

/**
 * What a row becomes for each distinct identity, shared by the streams the hub offers the same row:
 * the policy is applied and the event serialised once per identity, not once per client.
 */
const shownOf = new WeakMap<LoggedEvent, Map<string, string | null>>();

/**
 * One server-sent event stream: rows of the log after `lastSent`, each as the caller may see it
 * (`id:` is the row's id, which `Last-Event-ID` resumes after). Until it has caught up, rows the
 * hub offers wait in a queue; after, they are written at once. A client whose unwritten output
 * passes `bufferBytes` is too slow and is disconnected, so it holds up nobody else.
 */
export class EventStreamClient implements StreamListener {
  private catchingUp = true;
  private queue: LoggedEvent[] = [];
  private closed = false;
  private identityKey: string;

  constructor(
    private readonly response: ServerResponse,
    private identity: IdentityClaims,
    private readonly types: readonly string[],
    private lastSent: bigint,
    private readonly bufferBytes: number,
  ) {
    this.identityKey = JSON.stringify(identity);
    response.on('close', () => {
      this.closed = true;
      this.queue = [];
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get position(): bigint {
    return this.lastSent;
  }

  offer(row: LoggedEvent): void {
    if (this.closed) return;
    if (this.catchingUp) {
      this.queue.push(row);
      if (this.queue.length > 10_000) this.disconnect();
      return;
    }
    this.send(row);
  }

  /** The rows of one read of the hub, written out together. */
  offerAll(rows: readonly LoggedEvent[]): void {
    if (this.closed) return;
    this.response.cork();
    for (const row of rows) this.offer(row);
    if (!this.closed) this.response.uncork();
  }

  /** Sends rows read from the log while catching up; resolves once the output has room again. */
  async sendPage(rows: readonly LoggedEvent[]): Promise<void> {
    for (const row of rows) this.send(row);
    if (!this.closed && this.response.writableLength > this.bufferBytes / 2) {
      await new Promise<void>((resolve) => {
        this.response.once('drain', resolve);
        this.response.once('close', resolve);
      });
    }
  }

  /** Caught up: what the hub offered meanwhile follows, without what was already sent. */
  goLive(): void {
    this.catchingUp = false;
    const waiting = this.queue;
    this.queue = [];
    for (const row of waiting) this.send(row);
  }

  /** What the caller may see from now on: their reach or clearance may have changed. */
  reauthorize(identity: IdentityClaims): void {
    this.identity = identity;
    this.identityKey = JSON.stringify(identity);
  }

  /** The caller lost the right to this stream: it ends, without what was still queued. */
  end(): void {
    this.disconnect();
  }

  heartbeat(): void {
    this.write(': heartbeat\n\n');
  }

  private send(row: LoggedEvent): void {
    if (this.closed || row.seq <= this.lastSent) return;
    this.lastSent = row.seq;
    if (!typeMatches(row.envelope.type, this.types)) return;
    let shown = shownOf.get(row);
    if (!shown) {
      shown = new Map();
      shownOf.set(row, shown);
    }
    let chunk = shown.get(this.identityKey);
    if (chunk === undefined) {
      const event = eventFor(row.envelope, this.identity);
      chunk = event
        ? `id: ${row.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
        : null;
      shown.set(this.identityKey, chunk);
    }
    if (chunk !== null) this.write(chunk);
  }

  private write(chunk: string): void {
    if (this.closed) return;
    this.response.write(chunk);
    if (this.response.writableLength > this.bufferBytes) this.disconnect();
  }

  private disconnect(): void {
    this.closed = true;
    this.queue = [];
    this.response.destroy();
  }
}

import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { ServerNats, type WritePacket } from '@nestjs/microservices';
import type { Observable, Subscription as RxSubscription } from 'rxjs';

/**
 * NestJS's NATS server on the process's shared connection, subscribed in the service's queue
 * group. On close it stops taking messages and waits, within the grace, for the ones in hand to
 * be answered.
 */
export class ServiceNatsServer extends ServerNats {
  private readonly subscriptionsInUse: Subscription[] = [];
  private inFlight = 0;
  private idle?: () => void;

  constructor(
    private readonly connection: NatsConnection,
    private readonly queue: string,
    private readonly drainMs: number,
  ) {
    super({ queue });
  }

  override createNatsClient(): Promise<NatsConnection> {
    return Promise.resolve(this.connection);
  }

  override bindEvents(client: NatsConnection): void {
    for (const channel of this.getHandlers().keys()) {
      const handler = this.getMessageHandler(channel).bind(this) as (
        error: Error | null,
        message: unknown,
      ) => void;
      this.subscriptionsInUse.push(
        client.subscribe(channel, { queue: this.queue, callback: handler }),
      );
    }
  }

  /** Our subjects are plain strings: skip Nest's JSON.parse attempt, which throws on each. */
  override getRouteFromPattern(pattern: string): string {
    return pattern;
  }

  /** Counts a message from its arrival until its handler's stream is handed to `send`. */
  override async handleMessage(channel: string, message: unknown): Promise<unknown> {
    this.begin();
    try {
      return await super.handleMessage(channel, message);
    } finally {
      this.end();
    }
  }

  /**
   * Counts a handler from the moment its stream is subscribed until its last reply is published:
   * `handleMessage` returns as soon as the stream is subscribed, before the handler has run.
   */
  override send(
    stream$: Observable<unknown>,
    respond: (data: WritePacket) => Promise<unknown> | void,
  ): RxSubscription {
    this.begin();
    let answered = false;
    return super.send(stream$, async (packet) => {
      try {
        return await respond(packet);
      } finally {
        if (packet.isDisposed && !answered) {
          answered = true;
          this.end();
        }
      }
    });
  }

  override async close(): Promise<void> {
    // Drain, not unsubscribe: what the server routed here before it saw us leave is still
    // answered (unsubscribing dropped it, and its caller timed out).
    await Promise.all(
      this.subscriptionsInUse.map((subscription) => subscription.drain().catch(() => undefined)),
    );
    await this.handlersDone(this.drainMs);
    if (!this.connection.isClosed()) await this.connection.flush().catch(() => undefined);
  }

  private begin(): void {
    this.inFlight += 1;
  }

  private end(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) this.idle?.();
  }

  /** Resolves when no message is in hand, or when the grace is over. */
  private handlersDone(graceMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idle = undefined;
        resolve();
      };
      const timer = setTimeout(done, graceMs);
      this.idle = done;
    });
  }
}

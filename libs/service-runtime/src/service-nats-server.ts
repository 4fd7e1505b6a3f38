import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { ServerNats } from '@nestjs/microservices';

/**
 * NestJS's NATS server on the process's shared connection, subscribed in the service's queue
 * group. On close it stops taking messages and waits for the ones in hand to be answered.
 */
export class ServiceNatsServer extends ServerNats {
  private readonly subscriptionsInUse: Subscription[] = [];
  private inFlight = 0;

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

  override async handleMessage(channel: string, message: unknown): Promise<unknown> {
    this.inFlight += 1;
    try {
      return await super.handleMessage(channel, message);
    } finally {
      this.inFlight -= 1;
    }
  }

  override async close(): Promise<void> {
    // Drain, not unsubscribe: what the server routed here before it saw us leave is still
    // answered (unsubscribing dropped it, and its caller timed out).
    await Promise.all(
      this.subscriptionsInUse.map((subscription) => subscription.drain().catch(() => undefined)),
    );
    const deadline = Date.now() + this.drainMs;
    while (this.inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Replies are published on the tick after a handler settles.
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.connection.isClosed()) await this.connection.flush().catch(() => undefined);
  }
}

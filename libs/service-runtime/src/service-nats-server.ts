import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { ServerNats } from '@nestjs/microservices';
import type { Logger } from 'pino';

import type { RpcDispatcher } from './rpc-dispatcher';

/**
 * NestJS's NATS server on the process's shared connection, subscribed in the service's queue
 * group, each message served by the RpcDispatcher rather than Nest's pipeline. On close it stops
 * taking messages and waits, within the grace, for the ones in hand to be answered.
 */
export class ServiceNatsServer extends ServerNats {
  private readonly subscriptionsInUse: Subscription[] = [];
  private dispatcher?: RpcDispatcher;
  private inFlight = 0;
  private idle?: () => void;

  constructor(
    private readonly connection: NatsConnection,
    private readonly queue: string,
    private readonly drainMs: number,
    private readonly log: Logger,
  ) {
    super({ queue });
  }

  /** Given once the application's controllers exist, before `listen`. */
  serveWith(dispatcher: RpcDispatcher): void {
    this.dispatcher = dispatcher;
  }

  override createNatsClient(): Promise<NatsConnection> {
    return Promise.resolve(this.connection);
  }

  override bindEvents(client: NatsConnection): void {
    const dispatcher = this.dispatcher;
    if (!dispatcher) throw new Error('ServiceNatsServer: serveWith(dispatcher) before listen');
    for (const subject of dispatcher.subjects()) {
      this.subscriptionsInUse.push(
        client.subscribe(subject, {
          queue: this.queue,
          callback: (error, msg) => {
            if (error) {
              this.log.error({ err: error, subject }, 'subscription failed');
              return;
            }
            this.begin();
            void dispatcher.dispatch(subject, msg).finally(() => this.end());
          },
        }),
      );
    }
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

import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { Logger } from 'pino';

import { type Metrics, requestContext } from '@salesops/service-runtime';

import {
  DEAD_LETTER_STREAM,
  deadLetterSubjectOf,
  type EventEnvelope,
  eventEnvelopeSchema,
  streamOf,
} from './event-envelope';
import type { SqlRunner, TransactionRunner } from './sql-runner';
import { ensureStream } from './streams';

export type EventHandler<Tx extends SqlRunner> = (event: EventEnvelope, tx: Tx) => Promise<void>;

export interface EventConsumerSpec<Tx extends SqlRunner> {
  /** Durable name, unique per consuming service and purpose: `performance-roster`. */
  name: string;
  /** The source service whose stream is read. */
  source: string;
  /** Handlers by event type; other types on the stream are acknowledged and skipped. */
  handlers: Record<string, EventHandler<Tx>>;
  /** Attempts before an event goes to the dead-letter subject. */
  maxAttempts?: number;
  ackWaitMs?: number;
}

export interface DeadLetter {
  consumer: string;
  reason: string;
  attempts: number;
  failedAt: string;
  event: unknown;
}

/**
 * A durable JetStream consumer that applies each event once: the event id goes into the inbox
 * table in the same transaction as the handler's effect, so a redelivery changes nothing twice.
 * A failing event is retried with backoff, then dead-lettered with its reason, so it never blocks
 * the ones behind it.
 */
export class EventConsumer<Tx extends SqlRunner> {
  private running = false;
  private loop?: Promise<void>;
  private stopCurrent?: () => Promise<void>;
  private readonly maxAttempts: number;
  private readonly ackWaitMs: number;

  constructor(
    private readonly spec: EventConsumerSpec<Tx>,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly transaction: TransactionRunner<Tx>,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.maxAttempts = spec.maxAttempts ?? 5;
    this.ackWaitMs = spec.ackWaitMs ?? 30_000;
  }

  async start(): Promise<void> {
    const stream = streamOf(this.spec.source);
    const types = Object.keys(this.spec.handlers);
    await ensureStream(this.jsm, stream);
    await ensureStream(this.jsm, DEAD_LETTER_STREAM);
    const config = {
      durable_name: this.spec.name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.ackWaitMs),
      // nats-server 2.9 takes one filter subject: one type, or the whole stream.
      filter_subject: types.length === 1 ? `salesops.${types[0]}` : stream.subjects[0],
    };
    try {
      await this.jsm.consumers.update(stream.name, this.spec.name, config);
    } catch {
      await this.jsm.consumers.add(stream.name, config);
    }
    this.running = true;
    this.loop = this.run(stream.name);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.stopCurrent?.();
    await this.loop;
  }

  private async run(streamName: string): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const consumer = await this.js.consumers.get(streamName, this.spec.name);
        const messages = await consumer.consume({ max_messages: 64 });
        this.stopCurrent = () => messages.close().then(() => undefined);
        failures = 0;
        for await (const message of messages) {
          await this.process(message);
          this.metrics.consumerLag.set({ consumer: this.spec.name }, message.info.pending);
          if (!this.running) break;
        }
      } catch (error) {
        failures += 1;
        this.logger.warn({ err: error, consumer: this.spec.name }, 'event consumer interrupted');
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** failures, 5000)));
      }
    }
  }

  private async process(message: JsMsg): Promise<void> {
    const parsed = eventEnvelopeSchema.safeParse(safeJson(message));
    if (!parsed.success) {
      await this.deadLetter(message, 'malformed envelope', message.string());
      return;
    }
    const event = parsed.data;
    const handler = this.spec.handlers[event.type];
    if (!handler) {
      message.ack();
      return;
    }
    try {
      await requestContext.run(
        { requestId: event.requestId ?? event.id, actor: event.actor ?? undefined },
        () =>
          this.transaction(async (tx) => {
            const fresh = await tx.$executeRawUnsafe(
              `INSERT INTO inbox_event (consumer, "eventId") VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`,
              this.spec.name,
              event.id,
            );
            if (fresh === 1) {
              await handler(event, tx);
              this.metrics.eventsApplied.inc({ consumer: this.spec.name, type: event.type });
            }
          }),
      );
      message.ack();
    } catch (error) {
      const attempts = message.info.deliveryCount;
      const reason = error instanceof Error ? error.message : String(error);
      if (attempts >= this.maxAttempts) {
        await this.deadLetter(message, reason, event);
        return;
      }
      this.logger.warn({ err: error, eventId: event.id, attempts }, 'event failed, will retry');
      message.nak(Math.min(200 * 2 ** (attempts - 1), 10_000));
    }
  }

  private async deadLetter(message: JsMsg, reason: string, event: unknown): Promise<void> {
    const letter: DeadLetter = {
      consumer: this.spec.name,
      reason,
      attempts: message.info.deliveryCount,
      failedAt: new Date().toISOString(),
      event,
    };
    try {
      await this.js.publish(deadLetterSubjectOf(this.spec.name), JSON.stringify(letter), {
        msgID: `${this.spec.name}:${message.info.streamSequence}`,
      });
    } catch (error) {
      // Not parked yet: leave it to be redelivered rather than lose it.
      this.logger.error({ err: error }, 'could not dead-letter an event');
      message.nak(5000);
      return;
    }
    this.metrics.deadLetters.inc({
      consumer: this.spec.name,
      type: typeof event === 'object' && event && 'type' in event ? String(event.type) : 'unknown',
    });
    this.logger.error({ consumer: this.spec.name, reason }, 'event dead-lettered');
    message.term(reason);
  }
}

function safeJson(message: JsMsg): unknown {
  try {
    return message.json();
  } catch {
    return undefined;
  }
}

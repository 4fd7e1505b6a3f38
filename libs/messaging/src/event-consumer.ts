import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { Logger } from 'pino';

import { type EventEnvelope, eventEnvelopeSchema } from '@salesops/events';
import { type Metrics, requestContext } from '@salesops/service-runtime';
import { sqlOf, type Work } from '@salesops/persistence';

import { arrivedTogether } from './arrived-together';
import { DEAD_LETTER_STREAM, deadLetterSubjectOf, streamOf } from './bus-subjects';
import type { SqlRunner, TransactionRunner } from './sql-runner';
import { ensureStream } from './streams';

export type EventHandler<Tx extends SqlRunner | Work> = (
  event: EventEnvelope,
  tx: Tx,
) => Promise<void>;

export interface EventConsumerSpec<Tx extends SqlRunner | Work> {
  /** Durable name, unique per consuming service and purpose: `performance-roster`. */
  name: string;
  /** The source service whose stream is read. */
  source: string;
  /** Handlers by event type; other types on the stream are acknowledged and skipped. */
  handlers: Record<string, EventHandler<Tx>>;
  /** Attempts before an event goes to the dead-letter subject. */
  maxAttempts?: number;
  /** How long a delivered event may stay unacknowledged (its consumer died) before redelivery. */
  ackWaitMs?: number;
}

/** Events applied together in one transaction, at most. */
const BATCH_LIMIT = 64;

interface Delivery<Tx extends SqlRunner | Work> {
  message: JsMsg;
  event: EventEnvelope;
  handler: EventHandler<Tx>;
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
 * Events that arrive together are applied together.
 * A failing event is retried with backoff, then dead-lettered with its reason, so it never blocks
 * the ones behind it.
 */
export class EventConsumer<Tx extends SqlRunner | Work> {
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
    this.ackWaitMs = spec.ackWaitMs ?? 10_000;
  }

  async start(): Promise<void> {
    const stream = streamOf(this.spec.source);
    const types = Object.keys(this.spec.handlers);
    // The source's settings are its owner's to keep; the dead letters are everyone's.
    await ensureStream(this.jsm, stream, { reconcile: false });
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
        const messages = await consumer.consume({ max_messages: BATCH_LIMIT });
        this.stopCurrent = () => messages.close().then(() => undefined);
        failures = 0;
        // Not `messages.getPending()`: it counts status callbacks it has already run, which held
        // a batch back for good after a reconnect.
        for await (const batch of arrivedTogether(messages, BATCH_LIMIT)) {
          await this.processBatch(batch);
          this.metrics.consumerLag.set({ consumer: this.spec.name }, batch.at(-1)!.info.pending);
          if (!this.running) break;
        }
      } catch (error) {
        failures += 1;
        this.logger.warn({ err: error, consumer: this.spec.name }, 'event consumer interrupted');
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** failures, 5000)));
      }
    }
  }

  /**
   * Applies the events that arrived together in one transaction (one inbox insert, one commit),
   * which is what keeps a consumer up with a busy producer. If anything in it fails, each event is
   * tried on its own, so only the failing one is retried and, in the end, dead-lettered.
   */
  private async processBatch(messages: JsMsg[]): Promise<void> {
    const pending: Delivery<Tx>[] = [];
    for (const message of messages) {
      const parsed = eventEnvelopeSchema.safeParse(safeJson(message));
      if (!parsed.success) {
        await this.deadLetter(message, 'malformed envelope', message.string());
        continue;
      }
      const handler = this.spec.handlers[parsed.data.type];
      if (handler) pending.push({ message, event: parsed.data, handler });
      else message.ack();
    }
    if (pending.length > 1) {
      try {
        await this.apply(pending);
        for (const { message } of pending) message.ack();
        return;
      } catch {
        // One of them failed: find which, one at a time.
      }
    }
    for (const delivery of pending) await this.processOne(delivery);
  }

  private async processOne(delivery: Delivery<Tx>): Promise<void> {
    const { message, event } = delivery;
    try {
      await this.apply([delivery]);
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

  /** The inbox keeps the ids of applied events: an event already in it changes nothing. */
  private async apply(deliveries: readonly Delivery<Tx>[]): Promise<void> {
    const applied = await this.transaction(async (tx) => {
      const inserted = await sqlOf(tx).$queryRawUnsafe<{ eventId: string }[]>(
        `INSERT INTO inbox_event (consumer, "eventId") SELECT $1, unnest($2::uuid[])
         ON CONFLICT DO NOTHING RETURNING "eventId"`,
        this.spec.name,
        deliveries.map(({ event }) => event.id),
      );
      const fresh = new Set(inserted.map((row) => row.eventId));
      const done: EventEnvelope[] = [];
      for (const { event, handler } of deliveries) {
        // Deleted once applied, so the same event delivered twice in one batch applies once.
        if (!fresh.delete(event.id)) continue;
        await requestContext.run(
          { requestId: event.requestId ?? event.id, actor: event.actor ?? undefined },
          () => handler(event, tx),
        );
        done.push(event);
      }
      return done;
    });
    for (const event of applied) {
      this.metrics.eventsApplied.inc({ consumer: this.spec.name, type: event.type });
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

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
import { spans } from '@salesops/rpc';

import { arrivedTogether } from './arrived-together';
import { lanesOf } from './lanes';
import { DEAD_LETTER_STREAM, deadLetterSubjectOf, streamOf } from './bus-subjects';
import type { SqlRunner, TransactionRunner } from './sql-runner';
import { ensureStream } from './streams';
import { isTransientFailure } from './transient-failure';
import { untilBusAnswers } from './until-bus-answers';

export type EventHandler<Tx extends SqlRunner | Work> = (
  event: EventEnvelope,
  tx: Tx,
) => Promise<void>;

/** The fresh events of one batch, at once and in stream order, in the batch's transaction. */
export type BatchEventHandler<Tx extends SqlRunner | Work> = (
  events: readonly EventEnvelope[],
  tx: Tx,
) => Promise<void>;

export interface EventConsumerSpec<Tx extends SqlRunner | Work> {
  /** Durable name, unique per consuming service and purpose: `performance-roster`. */
  name: string;
  /** The source service whose stream is read. */
  source: string;
  /** Handlers by event type; other types on the stream are acknowledged and skipped. */
  handlers: Record<string, EventHandler<Tx>>;
  /**
   * Takes every type the handlers do not name, known or not yet (a relay of the whole stream): the
   * events of a batch at once, in the same transaction, after the named handlers' ones.
   */
  anyType?: BatchEventHandler<Tx>;
  /**
   * Takes the fresh events of a batch whose types `handlers` name, all at once and in stream
   * order, instead of one handler call each (no request context per event then). A batch that
   * fails is tried again one event at a time, through this too, so a failing event is still
   * retried and dead-lettered on its own.
   */
  applyTogether?: BatchEventHandler<Tx>;
  /**
   * The handlers' own writes are keyed by the event id (performance's facts: one row per event and
   * member), so a redelivery changes nothing twice without the inbox: no inbox row is written, and
   * a batch's repeats are told apart by id. What a handler reads of earlier events must then not
   * count a redelivered one twice.
   */
  idempotentHandlers?: boolean;
  /** Events applied together in one transaction, at most (64 unless given). */
  batchLimit?: number;
  /**
   * A batch's events split into up to `count` transactions applied at once (each on its own
   * connection), so one's statements run while the next is drafted: the events of one key (an
   * order) in the same one, in stream order; those without a key in the first.
   */
  lanes?: { count: number; keyOf: (event: EventEnvelope) => string | undefined };
  /** Deterministic failures of one event before it goes to the dead-letter subject. */
  maxAttempts?: number;
  /**
   * Deliveries after which JetStream gives up on an event (`max_deliver`): bounds an event that
   * crashes its consumer every time. Transient failures do not spend deliveries (the consumer
   * stops pulling while its dependencies are away), so this can stay small.
   */
  maxDeliver?: number;
  /** Longest wait between two tries while a dependency is away. */
  maxBackoffMs?: number;
  /** How long a delivered event may stay unacknowledged (its consumer died) before redelivery. */
  ackWaitMs?: number;
  /**
   * How long the consumer may go without a batch while the stream holds events for it before it
   * subscribes again (30 s unless given).
   */
  stallMs?: number;
}

const BATCH_LIMIT = 64;
/** How often the consumer's lag is read from JetStream. */
const LAG_POLL_MS = 5000;
/**
 * Longer than an event's redelivery (`ackWaitMs`) and a failing event's backoff: a consumer that
 * makes no progress for this long with events waiting has stopped pulling.
 */
const STALL_MS = 30_000;

/** The database or the bus is away: the consumer waits for it instead of spending attempts. */
class DependencyAway extends Error {
  constructor(readonly reason: unknown) {
    super('a dependency of the consumer is away');
  }
}

interface Delivery<Tx extends SqlRunner | Work> {
  message: JsMsg;
  event: EventEnvelope;
  /** None: the spec's `anyType`. */
  handler?: EventHandler<Tx>;
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
  private readonly maxDeliver: number;
  private readonly maxBackoffMs: number;
  private readonly ackWaitMs: number;
  private readonly batchLimit: number;
  private readonly stallMs: number;
  /** When a batch last arrived or was done; none while one is being applied. */
  private progressAt: number | undefined = Date.now();
  private batchesApplying = 0;
  /** Deterministic failures by stream sequence, in this process. */
  private readonly failures = new Map<number, number>();
  /** Why the consumer is not applying events now, if it is not (readiness). */
  private trouble: string | undefined = 'not started';
  private wakeFromWait?: () => void;
  private lagTimer?: NodeJS.Timeout;
  /** Each lane's part of the latest batch: settled once applied, rejected once put back. */
  private laneTails: Promise<void>[] = [];

  constructor(
    private readonly spec: EventConsumerSpec<Tx>,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly transaction: TransactionRunner<Tx>,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.maxAttempts = spec.maxAttempts ?? 5;
    this.maxDeliver = spec.maxDeliver ?? 20;
    this.maxBackoffMs = spec.maxBackoffMs ?? 30_000;
    this.ackWaitMs = spec.ackWaitMs ?? 10_000;
    this.batchLimit = spec.batchLimit ?? BATCH_LIMIT;
    this.stallMs = spec.stallMs ?? STALL_MS;
  }

  async start(): Promise<void> {
    const stream = streamOf(this.spec.source);
    await untilBusAnswers(`consumer ${this.spec.name}`, () => this.declare(stream), this.logger);
    this.running = true;
    this.trouble = undefined;
    this.loop = this.run(stream.name);
    this.lagTimer = setInterval(
      () => void this.measureLag(stream.name),
      Math.min(LAG_POLL_MS, this.stallMs / 2),
    );
    this.lagTimer.unref();
  }

  /** The source and dead-letter streams and this durable consumer, made or brought up to date. */
  private async declare(stream: { name: string; subjects: string[] }): Promise<void> {
    const types = Object.keys(this.spec.handlers);
    // The source's settings are its owner's to keep; the dead letters are everyone's.
    await ensureStream(this.jsm, stream, { reconcile: false });
    await ensureStream(this.jsm, DEAD_LETTER_STREAM);
    const config = {
      durable_name: this.spec.name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.ackWaitMs),
      max_deliver: this.maxDeliver,
      // nats-server 2.9 takes one filter subject: one type, or the whole stream.
      filter_subject:
        types.length === 1 && !this.spec.anyType ? `salesops.${types[0]}` : stream.subjects[0],
    };
    try {
      await this.jsm.consumers.update(stream.name, this.spec.name, config);
    } catch {
      await this.jsm.consumers.add(stream.name, config);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.lagTimer);
    this.wakeFromWait?.();
    await this.stopCurrent?.();
    await this.loop;
  }

  /** Throws while the consumer cannot apply events (for /ready). */
  check(): Promise<void> {
    return this.trouble ? Promise.reject(new Error(this.trouble)) : Promise.resolve();
  }

  /**
   * Real lag: what the stream holds that this consumer has not acknowledged yet. With lag and no
   * batch for `stallMs`, the subscription has stopped pulling (seen under heavy load: events
   * delivered and never handed on, no pull waiting, nothing logged): it is closed, and the loop
   * subscribes again, which has the unacknowledged events redelivered.
   */
  private async measureLag(streamName: string): Promise<void> {
    let lag: number;
    try {
      const info = await this.jsm.consumers.info(streamName, this.spec.name);
      lag = info.num_pending + info.num_ack_pending;
    } catch {
      return; // NATS away: the consumer's own loop reports it.
    }
    this.metrics.consumerLag.set({ consumer: this.spec.name }, lag);
    const idleSince = this.progressAt;
    if (lag === 0 || idleSince === undefined || this.trouble) {
      this.progressAt = idleSince === undefined ? undefined : Date.now();
      return;
    }
    if (Date.now() - idleSince < this.stallMs) return;
    this.logger.warn(
      { consumer: this.spec.name, lag, idleMs: Date.now() - idleSince },
      'event consumer made no progress with events waiting; subscribing again',
    );
    this.progressAt = Date.now();
    void this.stopCurrent?.();
  }

  private async run(streamName: string): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const consumer = await this.js.consumers.get(streamName, this.spec.name);
        const messages = await consumer.consume({ max_messages: this.batchLimit });
        this.stopCurrent = () => messages.close().then(() => undefined);
        this.progressAt = Date.now();
        failures = 0;
        this.trouble = undefined;
        // The batch before the one being applied: the next is read and parsed while it finishes.
        let previous: Promise<void> = Promise.resolve();
        let current: Promise<void> = Promise.resolve();
        try {
          // Not `messages.getPending()`: it counts status callbacks it has already run, which
          // held a batch back for good after a reconnect.
          for await (const batch of arrivedTogether(messages, this.batchLimit)) {
            previous = current;
            current = this.applying(batch);
            // Awaited below, or in `finally` if the previous batch failed.
            current.catch(() => undefined);
            await previous;
            if (!this.running) break;
          }
          await current;
        } finally {
          await Promise.allSettled([previous, current]);
          this.laneTails = [];
          await messages.close().catch(() => undefined);
        }
      } catch (error) {
        if (error instanceof DependencyAway) {
          this.trouble = 'waiting for the database or a service';
          this.logger.warn(
            { err: error.reason, consumer: this.spec.name },
            'event consumer waits for its dependencies',
          );
          await this.waitForDependencies();
          continue;
        }
        failures += 1;
        this.trouble = 'interrupted';
        this.logger.warn({ err: error, consumer: this.spec.name }, 'event consumer interrupted');
        await this.pause(Math.min(250 * 2 ** failures, 5000));
      }
    }
  }

  /**
   * Pulls nothing until an empty transaction commits again, backing off up to `maxBackoffMs`: for
   * as long as the outage lasts, no event is delivered, so none spends an attempt on it.
   */
  private async waitForDependencies(): Promise<void> {
    for (let tries = 0; this.running; tries += 1) {
      await this.pause(Math.min(250 * 2 ** tries, this.maxBackoffMs));
      try {
        await this.transaction((tx) => sqlOf(tx).$queryRawUnsafe('SELECT 1'));
        return;
      } catch (error) {
        if (!isTransientFailure(error)) return;
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeFromWait = done;
    });
  }

  /** A batch being applied: no progress is expected of the subscription until all are done. */
  private applying(batch: JsMsg[]): Promise<void> {
    this.batchesApplying += 1;
    this.progressAt = undefined;
    return this.processBatch(batch).finally(() => {
      this.batchesApplying -= 1;
      if (this.batchesApplying === 0) this.progressAt = Date.now();
    });
  }

  /**
   * Applies the events that arrived together in one transaction (one inbox insert, one commit),
   * which is what keeps a consumer up with a busy producer. If anything in it fails, each event is
   * tried on its own, so only the failing one is retried and, in the end, dead-lettered. With
   * `lanes`, each lane is such a transaction, all of them at once. A lane's part of a batch starts
   * once its part of the previous batch is done, so the events of one key keep their order while
   * the lanes, and the batches, overlap; behind a part put back (a dependency away), the lane's
   * later parts are put back too.
   */
  private async processBatch(messages: JsMsg[]): Promise<void> {
    const pending: Delivery<Tx>[] = [];
    const malformed: JsMsg[] = [];
    for (const message of messages) {
      const parsed = eventEnvelopeSchema.safeParse(safeJson(message));
      if (!parsed.success) {
        malformed.push(message);
        continue;
      }
      const handler = this.spec.handlers[parsed.data.type];
      if (handler || this.spec.anyType) pending.push({ message, event: parsed.data, handler });
      else message.ack();
    }
    const lanes = this.spec.lanes ?? { count: 1, keyOf: () => undefined };
    const parts = lanesOf(pending, lanes.count, ({ event }) => lanes.keyOf(event)).map(
      (part, lane) => {
        const after = this.laneTails[lane] ?? Promise.resolve();
        const done = after.then(
          () => (part.length > 0 ? this.processLane(part) : undefined),
          (error: unknown) => {
            throw this.putBack(part, error);
          },
        );
        this.laneTails[lane] = done;
        return done;
      },
    );
    // After the lanes are chained: nothing before may wait, or the next batch could chain first.
    for (const message of malformed) {
      await this.deadLetter(message, 'malformed envelope', message.string());
    }
    const failed = (await Promise.allSettled(parts)).find(
      (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
    );
    if (failed) throw failed.reason;
  }

  /** The events of one lane of a batch, in one transaction (see processBatch). */
  private async processLane(pending: Delivery<Tx>[]): Promise<void> {
    if (pending.length > 1) {
      try {
        await this.apply(pending);
        for (const { message } of pending) message.ack();
        return;
      } catch (error) {
        if (isTransientFailure(error)) throw this.putBack(pending, error);
        // One of them failed: find which, one at a time.
      }
    }
    for (const [index, delivery] of pending.entries()) {
      try {
        await this.processOne(delivery);
      } catch (error) {
        throw this.putBack(pending.slice(index), error);
      }
    }
  }

  /** Events not applied because a dependency is away go back, to be delivered when it is back. */
  private putBack(deliveries: readonly Delivery<Tx>[], error: unknown): DependencyAway {
    for (const { message } of deliveries) message.nak();
    return error instanceof DependencyAway ? error : new DependencyAway(error);
  }

  private async processOne(delivery: Delivery<Tx>): Promise<void> {
    const { message, event } = delivery;
    const sequence = message.info.streamSequence;
    try {
      await this.apply([delivery]);
      message.ack();
      this.failures.delete(sequence);
    } catch (error) {
      if (isTransientFailure(error)) throw new DependencyAway(error);
      const attempts = (this.failures.get(sequence) ?? 0) + 1;
      const reason = error instanceof Error ? error.message : String(error);
      // The last delivery JetStream allows is dead-lettered rather than dropped in silence.
      if (attempts >= this.maxAttempts || message.info.deliveryCount >= this.maxDeliver) {
        this.failures.delete(sequence);
        await this.deadLetter(message, reason, event, attempts);
        return;
      }
      this.failures.set(sequence, attempts);
      this.logger.warn({ err: error, eventId: event.id, attempts }, 'event failed, will retry');
      message.nak(Math.min(200 * 2 ** (attempts - 1), 10_000));
    }
  }

  /**
   * The inbox keeps the ids of applied events: an event already in it changes nothing (unless the
   * handlers are idempotent on their own).
   */
  private async apply(deliveries: readonly Delivery<Tx>[]): Promise<void> {
    const applied = await this.transaction(async (tx) => {
      const fresh = new Set(
        this.spec.idempotentHandlers
          ? deliveries.map(({ event }) => event.id)
          : await this.recordInInbox(deliveries, tx),
      );
      // Deleted once taken, so the same event delivered twice in one batch applies once.
      const first = deliveries.filter(({ event }) => fresh.delete(event.id));
      const together = this.spec.applyTogether;
      if (together) {
        const events = first.map(({ event }) => event);
        if (events.length > 0) await together(events, tx);
        return events;
      }
      const done: EventEnvelope[] = [];
      const unnamed: EventEnvelope[] = [];
      for (const { event, handler } of first) {
        if (!handler) {
          unnamed.push(event);
          continue;
        }
        const traceparent = spans.childOf(event.traceparent);
        const startMs = spans.enabled ? Date.now() : 0;
        await requestContext.run(
          {
            requestId: event.requestId ?? event.id,
            actor: event.actor ?? undefined,
            traceparent,
          },
          () => handler(event, tx),
        );
        if (spans.enabled && traceparent) {
          spans.record({
            name: `${event.type} process`,
            kind: 'consumer',
            traceparent,
            parent: event.traceparent,
            startMs,
            endMs: Date.now(),
            attributes: {
              'messaging.system': 'nats',
              'messaging.destination.name': event.type,
              'messaging.consumer.group.name': this.spec.name,
              'messaging.message.id': event.id,
            },
          });
        }
        done.push(event);
      }
      const anyType = this.spec.anyType;
      const [head] = unnamed;
      if (anyType && head) {
        await requestContext.run(
          { requestId: head.requestId ?? head.id, actor: head.actor ?? undefined },
          () => anyType(unnamed, tx),
        );
        done.push(...unnamed);
      }
      return done;
    });
    for (const event of applied) {
      this.metrics.eventsApplied.inc({ consumer: this.spec.name, type: event.type });
    }
  }

  /** The ids of the events not in the inbox yet, now recorded there. */
  private async recordInInbox(deliveries: readonly Delivery<Tx>[], tx: Tx): Promise<string[]> {
    const inserted = await sqlOf(tx).$queryRawUnsafe<{ eventId: string }[]>(
      `INSERT INTO inbox_event (consumer, "eventId") SELECT $1, unnest($2::uuid[])
       ON CONFLICT DO NOTHING RETURNING "eventId"`,
      this.spec.name,
      deliveries.map(({ event }) => event.id),
    );
    return inserted.map((row) => row.eventId);
  }

  private async deadLetter(
    message: JsMsg,
    reason: string,
    event: unknown,
    attempts = message.info.deliveryCount,
  ): Promise<void> {
    const letter: DeadLetter = {
      consumer: this.spec.name,
      reason,
      attempts,
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

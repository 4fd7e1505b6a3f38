import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type Consumer,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import {
  type BatchEventHandler,
  type EventEnvelope,
  eventEnvelopeSchema,
  type EventHandler,
  streamOf,
} from '@salesops/messaging';
import { sqlOf, UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, NATS_CONNECTION } from '@salesops/service-runtime';

import { FACT_CONSUMERS, FactHandlers } from '../facts/fact-handlers';
import { FactsRepository } from '../facts/facts.repository';
import { RankingInputsRepository } from '../rankings/ranking-inputs.repository';
import { RosterHandlers } from '../roster/roster-handlers';
import { ROSTER_CONSUMER } from '../roster/roster.consumer';

/** Everything performance projects from events, rebuilt together. */
const PROJECTED_TABLES = [
  'roster_member',
  'roster_placement',
  'org_team',
  'team_headcount',
  'kpi_event_fact',
];
const FETCH_BATCH = 500;
/** A rebuild of a year of events may take minutes; the transaction stays open for it. */
const REBUILD_TIMEOUT_MS = 30 * 60 * 1000;

interface Replay {
  source: string;
  consumer: string;
  handlers: Record<string, EventHandler<Work>>;
  /**
   * Applies a fetched batch's events at once, as the live consumer does (the facts): keyed by
   * event, they need no inbox, only a batch's repeats left out.
   */
  together?: BatchEventHandler<Work>;
}

export interface RebuildResult {
  events: number;
  applied: number;
  facts: number;
}

/**
 * `npm run performance:rebuild`: replays every stream performance reads from its start, members
 * first (so each fact finds its member's placement at its moment), through the live consumers'
 * own handlers, in one transaction: the facts a fetched batch (500) at a time, set-based as the
 * live consumers apply a backlog, the next batch fetched meanwhile; the changed scorecards are
 * marked once, at the end. Its projections and the roster's inbox are emptied and
 * filled again: the live consumers, held back by the locks meanwhile, then skip what the replay
 * applied (the facts by their key) and go on from where they were.
 */
@Injectable()
export class Rebuilder {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(RosterHandlers) private readonly roster: RosterHandlers,
    @Inject(FactHandlers) private readonly facts: FactHandlers,
    @Inject(FactsRepository) private readonly factsRepository: FactsRepository,
    @Inject(RankingInputsRepository) private readonly rankingInputs: RankingInputsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async rebuild(): Promise<RebuildResult> {
    const replays: Replay[] = [
      { source: 'members', consumer: ROSTER_CONSUMER, handlers: this.roster.of() },
      ...(['orders', 'customers', 'training'] as const).map((source) => ({
        source,
        consumer: FACT_CONSUMERS[source],
        handlers: this.facts.of(source),
        together: this.facts.together(source, { announce: false }),
      })),
    ];
    const jsm = await jetstreamManager(this.nats);
    return this.unitOfWork.run(
      async (work) => {
        const sql = sqlOf(work);
        // The inbox first: a live consumer's transaction under way finishes before the replay starts.
        await sql.$executeRawUnsafe(
          `LOCK TABLE inbox_event, ${PROJECTED_TABLES.join(', ')} IN EXCLUSIVE MODE`,
        );
        for (const table of PROJECTED_TABLES) await sql.$executeRawUnsafe(`DELETE FROM ${table}`);
        await sql.$executeRawUnsafe(
          `DELETE FROM inbox_event WHERE consumer = ANY($1::text[])`,
          replays.map((replay) => replay.consumer),
        );
        const result: RebuildResult = { events: 0, applied: 0, facts: 0 };
        for (const replay of replays) await this.replay(jsm, replay, work, result);
        await this.factsRepository.announceAll(work);
        const [count] = await sql.$queryRawUnsafe<{ facts: bigint }[]>(
          'SELECT count(*)::bigint AS facts FROM kpi_fact',
        );
        result.facts = Number(count?.facts ?? 0);
        await this.rankingInputs.changed('performance-rebuild', work);
        return result;
      },
      { timeoutMs: REBUILD_TIMEOUT_MS },
    );
  }

  private async replay(
    jsm: JetStreamManager,
    replay: Replay,
    work: Work,
    result: RebuildResult,
  ): Promise<void> {
    const stream = streamOf(replay.source);
    const info = await jsm.streams.info(stream.name).catch(() => null);
    const last = info?.state.last_seq ?? 0;
    if (!info || info.state.messages === 0) return;
    const durable = `performance-rebuild-${replay.source}`;
    await jsm.consumers.delete(stream.name, durable).catch(() => undefined);
    await jsm.consumers.add(stream.name, {
      durable_name: durable,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      filter_subject: stream.subjects[0],
    });
    let next: Promise<JsMsg[]> | undefined;
    try {
      const consumer = await jetstream(this.nats).consumers.get(stream.name, durable);
      next = fetchBatch(consumer);
      let seen = 0;
      while (next) {
        const messages = await next;
        next = undefined;
        const end = messages.at(-1)?.seq;
        // Nothing came within the fetch's expiry: the stream holds no more.
        if (end === undefined) break;
        seen = end;
        // The next batch comes in while this one is applied.
        if (seen < last) next = fetchBatch(consumer);
        await this.apply(replay, messages, work, result);
      }
      this.logger.info({ source: replay.source, upTo: seen }, 'replayed');
    } finally {
      await next?.catch(() => undefined);
      await jsm.consumers.delete(stream.name, durable).catch(() => undefined);
    }
  }

  private async apply(
    replay: Replay,
    messages: readonly JsMsg[],
    work: Work,
    result: RebuildResult,
  ): Promise<void> {
    const events: EventEnvelope[] = [];
    for (const message of messages) {
      result.events += 1;
      const parsed = eventEnvelopeSchema.safeParse(message.json());
      if (parsed.success && replay.handlers[parsed.data.type]) events.push(parsed.data);
    }
    if (replay.together) {
      const distinct = [...new Map(events.map((event) => [event.id, event])).values()];
      result.applied += distinct.length;
      if (distinct.length > 0) await replay.together(distinct, work);
      return;
    }
    const fresh = await this.firstTimes(replay.consumer, events, work);
    result.applied += fresh.length;
    for (const event of fresh) await replay.handlers[event.type]?.(event, work);
  }

  /** The events not applied before, each once, in stream order; their ids go into the inbox. */
  private async firstTimes(
    consumer: string,
    events: readonly EventEnvelope[],
    work: Work,
  ): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const inserted = await sqlOf(work).$queryRawUnsafe<{ eventId: string }[]>(
      `INSERT INTO inbox_event (consumer, "eventId") SELECT $1, unnest($2::uuid[])
       ON CONFLICT DO NOTHING RETURNING "eventId"`,
      consumer,
      events.map((event) => event.id),
    );
    const fresh = new Set(inserted.map((row) => row.eventId));
    // Deleted once taken: an event twice in the batch applies once.
    return events.filter((event) => fresh.delete(event.id));
  }
}

/**
 * A batch taken off its fetch before it is applied: a batch applied while the fetch is still open
 * (seconds under load) missed its heartbeats and failed the whole rebuild.
 */
function fetchBatch(consumer: Consumer): Promise<JsMsg[]> {
  const batch = (async () => {
    const messages: JsMsg[] = [];
    for await (const message of await consumer.fetch({
      max_messages: FETCH_BATCH,
      expires: 2000,
    })) {
      messages.push(message);
    }
    return messages;
  })();
  // Awaited later: a failure meanwhile is not an unhandled rejection.
  batch.catch(() => undefined);
  return batch;
}

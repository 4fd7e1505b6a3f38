import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { eventEnvelopeSchema, type EventHandler, streamOf } from '@salesops/messaging';
import { sqlOf, UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, NATS_CONNECTION } from '@salesops/service-runtime';

import { FACT_CONSUMERS, FactHandlers } from '../facts/fact-handlers';
import { RosterHandlers } from '../roster/roster-handlers';
import { ROSTER_CONSUMER } from '../roster/roster.consumer';

/** Everything performance projects from events, rebuilt together. */
const PROJECTED_TABLES = [
  'roster_member',
  'roster_placement',
  'org_team',
  'team_headcount',
  'kpi_fact',
];
const FETCH_BATCH = 500;
/** A rebuild of a year of events may take minutes; the transaction stays open for it. */
const REBUILD_TIMEOUT_MS = 30 * 60 * 1000;

interface Replay {
  source: string;
  consumer: string;
  handlers: Record<string, EventHandler<Work>>;
}

export interface RebuildResult {
  events: number;
  applied: number;
  facts: number;
}

/**
 * `npm run performance:rebuild`: replays every stream performance reads from its start, members
 * first (so each fact finds its member's placement at its moment), through the live consumers'
 * own handlers, in one transaction. Its projections and its consumers' inbox are emptied and
 * filled again: the live consumers, held back by the locks meanwhile, then skip what the replay
 * applied and go on from where they were.
 */
@Injectable()
export class Rebuilder {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(RosterHandlers) private readonly roster: RosterHandlers,
    @Inject(FactHandlers) private readonly facts: FactHandlers,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async rebuild(): Promise<RebuildResult> {
    const replays: Replay[] = [
      { source: 'members', consumer: ROSTER_CONSUMER, handlers: this.roster.of() },
      ...(['orders', 'customers', 'training'] as const).map((source) => ({
        source,
        consumer: FACT_CONSUMERS[source],
        handlers: this.facts.of(source),
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
        const [count] = await sql.$queryRawUnsafe<{ facts: bigint }[]>(
          'SELECT count(*)::bigint AS facts FROM kpi_fact',
        );
        result.facts = Number(count?.facts ?? 0);
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
    try {
      const consumer = await jetstream(this.nats).consumers.get(stream.name, durable);
      let seen = 0;
      while (seen < last) {
        const before = seen;
        // Taken off the fetch before applying: a batch applied while the fetch is still open
        // (seconds under load) missed its heartbeats and failed the whole rebuild.
        const messages: JsMsg[] = [];
        for await (const message of await consumer.fetch({
          max_messages: FETCH_BATCH,
          expires: 2000,
        })) {
          messages.push(message);
        }
        for (const message of messages) {
          seen = message.seq;
          result.events += 1;
          const parsed = eventEnvelopeSchema.safeParse(message.json());
          if (!parsed.success) continue;
          const handler = replay.handlers[parsed.data.type];
          if (!handler) continue;
          if (await this.firstTime(replay.consumer, parsed.data.id, work)) {
            await handler(parsed.data, work);
            result.applied += 1;
          }
        }
        if (seen === before) break;
      }
      this.logger.info({ source: replay.source, upTo: seen }, 'replayed');
    } finally {
      await jsm.consumers.delete(stream.name, durable).catch(() => undefined);
    }
  }

  private async firstTime(consumer: string, eventId: string, work: Work): Promise<boolean> {
    const inserted = await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO inbox_event (consumer, "eventId") VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`,
      consumer,
      eventId,
    );
    return inserted > 0;
  }
}

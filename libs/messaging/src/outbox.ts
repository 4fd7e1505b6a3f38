import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { z } from 'zod';

import type { EventContract, EventEnvelope } from '@salesops/events';
import { sqlOf, type Work } from '@salesops/persistence';
import { requestContext } from '@salesops/service-runtime';

import type { SqlRunner } from './sql-runner';

/**
 * Tells this process's relay that an event was appended. Not NOTIFY: a transaction that notifies
 * takes a database-wide lock at commit, which serialised every write behind one WAL flush.
 */
export const outboxSignal = new EventEmitter();

/**
 * What a versioned event needs beside its data: the version of its subject after the change. An
 * event of a versioned type without one does not compile (nor run).
 */
export type SubjectVersionOf<C extends EventContract> = C['versioned'] extends true
  ? [subjectVersion: number]
  : [];

/**
 * Records an event in the same transaction as the change it reports; the relay publishes it after
 * commit. The request id and actor of the request being served travel into the envelope.
 */
export async function appendToOutbox<C extends EventContract>(
  work: Work | SqlRunner,
  event: C,
  subject: string,
  data: z.input<C['data']>,
  ...subjectVersion: SubjectVersionOf<C>
): Promise<EventEnvelope<z.output<C['data']>>> {
  const envelope = envelopeOf(event, subject, data, ...subjectVersion);
  const insert = outboxInsertOf(envelope, 1);
  await sqlOf(work).$executeRawUnsafe(insert.sql, ...insert.values);
  outboxSignal.emit('appended');
  return envelope;
}

/**
 * Records events of one type in one statement, in the given order (their `seq`), in the same
 * transaction as the change they report: for a transaction that reports many at once.
 */
export async function appendAllToOutbox<C extends EventContract>(
  work: Work | SqlRunner,
  event: C,
  items: readonly { subject: string; data: z.input<C['data']>; subjectVersion?: number }[],
): Promise<EventEnvelope<z.output<C['data']>>[]> {
  const envelopes = items.map(({ subject, data, subjectVersion }) =>
    envelopeOf(
      event,
      subject,
      data,
      ...((subjectVersion === undefined ? [] : [subjectVersion]) as SubjectVersionOf<C>),
    ),
  );
  if (envelopes.length === 0) return envelopes;
  await sqlOf(work).$executeRawUnsafe(
    `INSERT INTO outbox_event (id, type, subject, envelope)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
    envelopes.map((envelope) => envelope.id),
    envelopes.map((envelope) => envelope.type),
    envelopes.map((envelope) => envelope.subject),
    envelopes.map((envelope) => JSON.stringify(envelope)),
  );
  outboxSignal.emit('appended');
  return envelopes;
}

export function envelopeOf<C extends EventContract>(
  event: C,
  subject: string,
  data: z.input<C['data']>,
  ...version: SubjectVersionOf<C>
): EventEnvelope<z.output<C['data']>> {
  const subjectVersion = (version as number[])[0] ?? null;
  if (event.versioned && !(Number.isInteger(subjectVersion) && (subjectVersion ?? 0) >= 1)) {
    throw new Error(`${event.type} reports a versioned change: give the subject's version`);
  }
  const context = requestContext.current();
  return {
    id: randomUUID(),
    type: event.type,
    version: event.version,
    source: event.source,
    time: new Date().toISOString(),
    subject,
    subjectVersion: event.versioned ? subjectVersion : null,
    actor: context?.actor ?? null,
    requestId: context?.requestId ?? null,
    ...(context?.traceparent ? { traceparent: context.traceparent } : {}),
    data: event.data.parse(data) as z.output<C['data']>,
  };
}

/**
 * The outbox insert with its parameters numbered from `first`, for a change that stores its event
 * in the same statement (as a data-modifying `WITH` part): one round trip, atomic on its own. The
 * caller emits `outboxSignal` once the statement has run.
 */
export function outboxInsertOf(
  envelope: EventEnvelope,
  first: number,
): { sql: string; values: unknown[] } {
  const [id, type, subject, body] = [first, first + 1, first + 2, first + 3].map((n) => `$${n}`);
  return {
    sql: `INSERT INTO outbox_event (id, type, subject, envelope) VALUES (${id}::uuid, ${type}, ${subject}, ${body}::jsonb)`,
    values: [envelope.id, envelope.type, envelope.subject, JSON.stringify(envelope)],
  };
}

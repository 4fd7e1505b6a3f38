import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { z } from 'zod';

import { requestContext } from '@salesops/service-runtime';

import type { EventContract, EventEnvelope } from './event-envelope';
import type { SqlRunner } from './sql-runner';

/**
 * Tells this process's relay that an event was appended. Not NOTIFY: a transaction that notifies
 * takes a database-wide lock at commit, which serialised every write behind one WAL flush.
 */
export const outboxSignal = new EventEmitter();

/**
 * Records an event in the same transaction as the change it reports; the relay publishes it after
 * commit. The request id and actor of the request being served travel into the envelope.
 */
export async function appendToOutbox<D extends z.ZodType>(
  tx: SqlRunner,
  event: EventContract<D>,
  subject: string,
  data: z.input<D>,
): Promise<EventEnvelope<z.output<D>>> {
  const context = requestContext.current();
  const envelope: EventEnvelope<z.output<D>> = {
    id: randomUUID(),
    type: event.type,
    version: event.version,
    source: event.source,
    time: new Date().toISOString(),
    subject,
    actor: context?.actor ?? null,
    requestId: context?.requestId ?? null,
    data: event.data.parse(data),
  };
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_event (id, type, subject, envelope) VALUES ($1::uuid, $2, $3, $4::jsonb)`,
    envelope.id,
    envelope.type,
    subject,
    JSON.stringify(envelope),
  );
  outboxSignal.emit('appended');
  return envelope;
}

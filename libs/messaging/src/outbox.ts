import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

import { requestContext } from '@salesops/service-runtime';

import type { EventContract, EventEnvelope } from './event-envelope';
import type { SqlRunner } from './sql-runner';

export const OUTBOX_CHANNEL = 'salesops_outbox';

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
  // NOTIFY is delivered on commit only, so the relay wakes for committed events alone.
  await tx.$executeRawUnsafe(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  return envelope;
}

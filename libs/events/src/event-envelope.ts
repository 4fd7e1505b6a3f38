import { z } from 'zod';

/** What every event on the bus looks like (events.md, "Envelope"). */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+\.[a-z_]+\.[a-z_]+$/),
  version: z.number().int().min(1),
  source: z.string(),
  time: z.iso.datetime(),
  subject: z.string(),
  actor: z.string().nullable(),
  requestId: z.string().nullable(),
  data: z.unknown(),
});
export type EventEnvelope<Data = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'data'> & {
  data: Data;
};

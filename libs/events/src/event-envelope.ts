import { z } from 'zod';

/** What every event on the bus looks like (events.md, "Envelope"). */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+\.[a-z_]+\.[a-z_]+$/),
  version: z.number().int().min(1),
  source: z.string(),
  time: z.iso.datetime(),
  subject: z.string(),
  /**
   * The version of the record named by `subject` once the change was made (the version `If-Match`
   * names); set for every versioned event type, null for the others. Events of one record carry
   * increasing versions, whatever order they arrive in. Envelopes written before it existed read
   * as null.
   */
  subjectVersion: z.number().int().min(1).nullable().default(null),
  actor: z.string().nullable(),
  requestId: z.string().nullable(),
  /** The W3C trace context (`traceparent`) of the request that caused the event, if any. */
  traceparent: z
    .string()
    .regex(/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/)
    .optional(),
  data: z.unknown(),
});
export type EventEnvelope<Data = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'data'> & {
  data: Data;
};

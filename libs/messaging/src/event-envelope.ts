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

export interface EventContract<Data extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  readonly source: string;
  readonly data: Data;
  /** The subject the event is published on. */
  readonly busSubject: string;
}

export function defineEvent<Data extends z.ZodType>(event: {
  type: string;
  version: number;
  data: Data;
}): EventContract<Data> {
  const source = event.type.split('.')[0] ?? '';
  return { ...event, source, busSubject: `salesops.${event.type}` };
}

export const BUS_PREFIX = 'salesops';

/** The stream that stores one source's events. */
export function streamOf(source: string): { name: string; subjects: string[] } {
  return { name: `SALESOPS_${source.toUpperCase()}`, subjects: [`${BUS_PREFIX}.${source}.>`] };
}

export const DEAD_LETTER_STREAM = {
  name: 'SALESOPS_DEADLETTER',
  subjects: [`${BUS_PREFIX}.deadletter.>`],
};

export function deadLetterSubjectOf(consumer: string): string {
  return `${BUS_PREFIX}.deadletter.${consumer}`;
}

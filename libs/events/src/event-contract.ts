import type { z } from 'zod';

export const BUS_PREFIX = 'salesops';

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
  return { ...event, source, busSubject: `${BUS_PREFIX}.${event.type}` };
}

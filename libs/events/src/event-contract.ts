import type { z } from 'zod';

export const BUS_PREFIX = 'salesops';

export interface EventContract<
  Data extends z.ZodType = z.ZodType,
  Versioned extends boolean = boolean,
> {
  readonly type: string;
  readonly version: number;
  readonly source: string;
  readonly data: Data;
  /**
   * The event reports a change of the record named by its `subject`, which has a version (the one
   * `If-Match` names): its envelope must carry `subjectVersion`, and consumers that keep state
   * apply it only over an older one.
   */
  readonly versioned: Versioned;
  /** The subject the event is published on. */
  readonly busSubject: string;
}

export function defineEvent<Data extends z.ZodType, Versioned extends boolean = false>(event: {
  type: string;
  version: number;
  data: Data;
  versioned?: Versioned;
}): EventContract<Data, Versioned> {
  const source = event.type.split('.')[0] ?? '';
  return {
    ...event,
    versioned: (event.versioned ?? false) as Versioned,
    source,
    busSubject: `${BUS_PREFIX}.${event.type}`,
  };
}

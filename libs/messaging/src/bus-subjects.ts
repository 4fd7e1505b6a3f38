import { BUS_PREFIX } from '@salesops/events';

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

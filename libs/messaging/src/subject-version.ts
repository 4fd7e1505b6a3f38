import type { EventEnvelope } from '@salesops/events';

/**
 * The version of the record a versioned event is about. One without it cannot be ordered against
 * the others of its record: it fails the same way every time, so it is dead-lettered for a person
 * to look at rather than applied over a newer state.
 */
export function subjectVersionOf(event: EventEnvelope): number {
  if (event.subjectVersion === null) {
    throw new Error(`${event.type} ${event.id} carries no subjectVersion`);
  }
  return event.subjectVersion;
}

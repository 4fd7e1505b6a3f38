import { ENTRY_RUNGS, type Position, type Track } from '@salesops/members-contracts';
import { DomainError } from '@salesops/rpc';

/** The track and level applied for: as given, or the position's entry rung (api.md names neither). */
export function rungOf(input: { position: Position; track?: Track; level?: string }): {
  track: Track;
  level: string;
} {
  if (input.track && input.level) return { track: input.track, level: input.level };
  const rung = ENTRY_RUNGS[input.position];
  // The request schema already refuses this; kept so a rung is never invented.
  if (!rung) throw new DomainError('VALIDATION_FAILED');
  return rung;
}

import type { DueKind } from '@salesops/persistence';

/** The kinds of due items the members service sweeps; each is swept on its own. */
export type SweepKindName =
  | 'promotion-effective'
  | 'probation-due'
  | 'leave-started'
  | 'departure-revert';

/** One kind of the members service's due items (a departure's revert records its failures). */
export type SweepKind = DueKind<SweepKindName>;

/**
 * The SQL condition a claim adds for the item in `idColumn`: not waiting for its next attempt.
 * `kind` is one of the names above, never input.
 */
export function notBackingOff(kind: SweepKindName, idColumn: string): string {
  return `NOT EXISTS (SELECT 1 FROM sweep_retry r
    WHERE r.kind = '${kind}' AND r."itemId" = ${idColumn} AND r."nextAttemptAt" > now())`;
}

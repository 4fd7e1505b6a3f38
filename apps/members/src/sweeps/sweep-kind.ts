import type { Work } from '@salesops/persistence';

/** The kinds of due items the members service sweeps; each is swept on its own. */
export type SweepKindName =
  | 'promotion-effective'
  | 'probation-due'
  | 'leave-started'
  | 'departure-revert';

/**
 * One kind of due item. `claim` finds one that is due by the database clock and not waiting for a
 * retry, locked (`FOR UPDATE SKIP LOCKED`) until the transaction ends; `apply` does it in that
 * transaction. `failed` records, in a transaction of its own, what an attempt that failed leaves
 * behind (a departure's revert is then the sweep's to finish).
 */
export interface SweepKind {
  readonly name: SweepKindName;
  claim(work: Work): Promise<string | null>;
  apply(itemId: string, work: Work): Promise<void>;
  failed?(itemId: string, work: Work): Promise<void>;
}

/**
 * The SQL condition a claim adds for the item in `idColumn`: not waiting for its next attempt.
 * `kind` is one of the names above, never input.
 */
export function notBackingOff(kind: SweepKindName, idColumn: string): string {
  return `NOT EXISTS (SELECT 1 FROM sweep_retry r
    WHERE r.kind = '${kind}' AND r."itemId" = ${idColumn} AND r."nextAttemptAt" > now())`;
}

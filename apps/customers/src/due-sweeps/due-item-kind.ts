import type { DueKind } from '@salesops/persistence';

/** The kinds of due items the customers service sweeps besides the lead quota's weeks. */
export type DueItemKindName = 'pool-warning' | 'pool-recycle' | 'visit-overdue' | 'care-day';

/** One kind of the customers service's due items (its claims read the shifted clock below). */
export type DueItemKind = DueKind<DueItemKindName>;

/**
 * The SQL condition a claim adds for the item in `idExpression` (text): not waiting for its next
 * attempt. `kind` is one of the names above, never input.
 */
export function notBackingOff(kind: DueItemKindName, idExpression: string): string {
  return `NOT EXISTS (SELECT 1 FROM due_item_retry r
    WHERE r.kind = '${kind}' AND r."itemId" = ${idExpression} AND r."nextAttemptAt" > now())`;
}

/** The database clock as the stack's clock reads it (a test's offset added), in SQL. */
export const SHIFTED_NOW = `(now() + $1::float8 * interval '1 millisecond')`;

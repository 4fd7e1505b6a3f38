import { Injectable } from '@nestjs/common';

import { type DueRetries, sqlOf, type Work } from '@salesops/persistence';

import type { DueItemKindName } from './due-item-kind';

/** The first retry waits this long; each later one twice as long as the one before. */
export const RETRY_BASE_SECONDS = 5;
/** No retry waits longer than this. */
export const RETRY_CAP_SECONDS = 3600;

/** Due items whose last attempt failed, and when each is tried next (by the database clock). */
@Injectable()
export class DueItemRetriesRepository implements DueRetries<DueItemKindName> {
  async failed(kind: DueItemKindName, itemId: string, error: string, work: Work): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO due_item_retry AS r (kind, "itemId", attempts, "nextAttemptAt", "lastError", "updatedAt")
       VALUES ($1, $2, 1, now() + make_interval(secs => $4::float8), $3, now())
       ON CONFLICT (kind, "itemId") DO UPDATE SET
         attempts = r.attempts + 1,
         "nextAttemptAt" = now() + make_interval(
           secs => LEAST($4::float8 * power(2, r.attempts), $5::float8)),
         "lastError" = EXCLUDED."lastError",
         "updatedAt" = now()`,
      kind,
      itemId,
      error.slice(0, 1000),
      RETRY_BASE_SECONDS,
      RETRY_CAP_SECONDS,
    );
  }

  async done(kind: DueItemKindName, itemId: string, work: Work): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `DELETE FROM due_item_retry WHERE kind = $1 AND "itemId" = $2`,
      kind,
      itemId,
    );
  }
}

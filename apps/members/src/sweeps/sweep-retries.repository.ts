import { Inject, Injectable } from '@nestjs/common';

import type { DueRetries, Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import type { SweepKindName } from './sweep-kind';

/** The first retry waits this long; each later one twice as long as the one before. */
export const RETRY_BASE_SECONDS = 5;
/** No retry waits longer than this. */
export const RETRY_CAP_SECONDS = 3600;
/** What of an error is kept. */
const ERROR_LENGTH = 1000;

/** Items whose last attempt failed, and when each is tried next (by the database clock). */
@Injectable()
export class SweepRetriesRepository implements DueRetries<SweepKindName> {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** One more failed attempt: the next one waits twice as long as the last, up to the cap. */
  async failed(kind: SweepKindName, itemId: string, error: string, work: Work): Promise<void> {
    await this.prisma.within(work).$executeRawUnsafe(
      `INSERT INTO sweep_retry AS r (kind, "itemId", attempts, "nextAttemptAt", "lastError", "updatedAt")
       VALUES ($1, $2::uuid, 1, now() + make_interval(secs => $4::float8), $3, now())
       ON CONFLICT (kind, "itemId") DO UPDATE SET
         attempts = r.attempts + 1,
         "nextAttemptAt" = now() + make_interval(
           secs => LEAST($4::float8 * power(2, r.attempts), $5::float8)),
         "lastError" = EXCLUDED."lastError",
         "updatedAt" = now()`,
      kind,
      itemId,
      error.slice(0, ERROR_LENGTH),
      RETRY_BASE_SECONDS,
      RETRY_CAP_SECONDS,
    );
  }

  /** The item is done: nothing is left to retry. */
  async done(kind: SweepKindName, itemId: string, work: Work): Promise<void> {
    await this.prisma
      .within(work)
      .$executeRawUnsafe(
        `DELETE FROM sweep_retry WHERE kind = $1 AND "itemId" = $2::uuid`,
        kind,
        itemId,
      );
  }
}

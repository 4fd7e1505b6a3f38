import { Inject, Injectable } from '@nestjs/common';

import type { IdentityClaims } from '@salesops/rpc';
import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import type { ImportRowValues } from './import-row';

export type { CustomerImport as ImportRow } from '../generated/prisma/client';

export interface ImportCounts {
  processed: number;
  created: number;
  duplicates: number;
  invalid: number;
}

export interface ClaimedRow {
  importId: string;
  rowNo: number;
  values: ImportRowValues;
  identity: IdentityClaims;
}

@Injectable()
export class ImportsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** A new job, or the one already made under the same key (then `fresh` is false). */
  async createOrFind(job: {
    id: string;
    createdBy: string;
    dedupeKey: string;
    identity: IdentityClaims;
    total: number;
  }) {
    const inserted = await this.prisma.$executeRawUnsafe(
      `INSERT INTO customer_import (id, "createdBy", "dedupeKey", identity, status, total)
       VALUES ($1::uuid, $2, $3, $4::jsonb, 'uploading', $5) ON CONFLICT ("dedupeKey") DO NOTHING`,
      job.id,
      job.createdBy,
      job.dedupeKey,
      JSON.stringify(job.identity),
      job.total,
    );
    const row = await this.prisma.customerImport.findUniqueOrThrow({
      where: { dedupeKey: job.dedupeKey },
    });
    return { row, fresh: inserted > 0 };
  }

  find(id: string) {
    return this.prisma.customerImport.findUnique({ where: { id } });
  }

  /** Rows arrive once: a chunk sent again (a retry) adds nothing. */
  addRows(importId: string, rows: { row: number; values: ImportRowValues }[]): Promise<number> {
    return this.prisma.$executeRawUnsafe(
      `INSERT INTO customer_import_row ("importId", "rowNo", values, status)
       SELECT $1::uuid, r.row_no, r.vals, 'pending'
       FROM unnest($2::int[], $3::jsonb[]) AS r(row_no, vals)
       ON CONFLICT ("importId", "rowNo") DO NOTHING`,
      importId,
      rows.map((row) => row.row),
      rows.map((row) => JSON.stringify(row.values)),
    );
  }

  start(id: string): Promise<number> {
    return this.prisma.$executeRawUnsafe(
      `UPDATE customer_import SET status = 'running' WHERE id = $1::uuid AND status = 'uploading'`,
      id,
    );
  }

  async counts(importId: string): Promise<ImportCounts> {
    const rows = await this.prisma.customerImportRow.groupBy({
      by: ['status'],
      where: { importId },
      _count: { _all: true },
    });
    const of = (status: string) => rows.find((row) => row.status === status)?._count._all ?? 0;
    return {
      created: of('created'),
      duplicates: of('duplicate'),
      invalid: of('invalid'),
      processed: of('created') + of('duplicate') + of('invalid'),
    };
  }

  report(importId: string) {
    return this.prisma.customerImportRow.findMany({
      where: { importId },
      orderBy: { rowNo: 'asc' },
      select: { rowNo: true, status: true, customerId: true, errors: true },
    });
  }

  /**
   * The next pending row of a running job that is not waiting for its next attempt (by the
   * database clock), locked for this transaction (others skip it).
   */
  async claimRow(work: Work): Promise<ClaimedRow | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<ClaimedRow[]>(
      `SELECT r."importId", r."rowNo", r.values, i.identity
         FROM customer_import_row r JOIN customer_import i ON i.id = r."importId"
        WHERE r.status = 'pending' AND i.status = 'running'
          AND (r."nextAttemptAt" IS NULL OR r."nextAttemptAt" <= now())
        ORDER BY r."importId", r."rowNo"
        LIMIT 1
        FOR UPDATE OF r SKIP LOCKED`,
    );
    return row ?? null;
  }

  settle(
    row: { importId: string; rowNo: number },
    outcome: { status: string; customerId?: string | null; errors?: unknown },
    work: Work,
  ): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE customer_import_row SET status = $3, "customerId" = $4::uuid, errors = $5::jsonb
        WHERE "importId" = $1::uuid AND "rowNo" = $2`,
      row.importId,
      row.rowNo,
      outcome.status,
      outcome.customerId ?? null,
      outcome.errors === undefined ? null : JSON.stringify(outcome.errors),
    );
  }

  /**
   * A row whose apply failed unexpectedly (not a refusal, which settles it): it waits for its next
   * attempt, twice as long as the last (5 s up to an hour), and the rows behind it go on.
   */
  failed(row: { importId: string; rowNo: number }, error: string): Promise<number> {
    return this.prisma.$executeRawUnsafe(
      `UPDATE customer_import_row SET attempts = attempts + 1, "lastError" = $3,
         "nextAttemptAt" = now() + make_interval(secs => LEAST(5 * power(2, attempts), 3600))
       WHERE "importId" = $1::uuid AND "rowNo" = $2`,
      row.importId,
      row.rowNo,
      error.slice(0, 1000),
    );
  }

  /** The job is complete once no row of it is pending. */
  completeIfDone(importId: string, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE customer_import SET status = 'completed', "completedAt" = now()
        WHERE id = $1::uuid AND status = 'running'
          AND NOT EXISTS (SELECT 1 FROM customer_import_row
                           WHERE "importId" = $1::uuid AND status = 'pending')`,
      importId,
    );
  }

  /** A savepoint around one row's create: a refused row rolls back to it, the job goes on. */
  async savepoint<T>(work: Work, step: () => Promise<T>): Promise<T> {
    const tx = sqlOf(work);
    await tx.$executeRawUnsafe('SAVEPOINT import_row');
    try {
      const result = await step();
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT import_row');
      return result;
    } catch (error) {
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT import_row');
      throw error;
    }
  }
}

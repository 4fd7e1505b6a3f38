import { Inject, Injectable } from '@nestjs/common';

import type { ImportReportQuery } from '@salesops/customers-contracts';
import { DomainError, type IdentityClaims } from '@salesops/rpc';
import { keysetPage, sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import type { ImportRowValues } from './import-row';

export type { CustomerImport as ImportRow } from '../generated/prisma/client';

export interface ImportCounts {
  processed: number;
  created: number;
  duplicates: number;
  invalid: number;
  pending: number;
}

export interface ClaimedRow {
  importId: string;
  rowNo: number;
  values: ImportRowValues;
  identity: IdentityClaims;
}

export interface RowOutcome {
  importId: string;
  rowNo: number;
  status: 'created' | 'duplicate' | 'invalid';
  customerId?: string | null;
  errors?: unknown;
}

/** The row number a report cursor holds; anything else is a bad cursor. */
function rowNumberOf(raw: string): number {
  const rowNo = Number(raw);
  if (!Number.isSafeInteger(rowNo) || rowNo < 0)
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid', undefined, [
      { path: 'cursor', message: 'not a cursor returned by this list' },
    ]);
  return rowNo;
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
      pending: of('pending'),
      processed: of('created') + of('duplicate') + of('invalid'),
    };
  }

  /**
   * One page (and a row more) of a job's rows by row number. A row's number is unique in its job,
   * so it is the keyset on its own (the cursor's `id` field carries it).
   */
  report(importId: string, query: ImportReportQuery) {
    const page = keysetPage<Prisma.CustomerImportRowWhereInput, { rowNo: 'asc' }>(
      query,
      'id',
      'asc',
    );
    const after = page.after as { id?: { gt: string } };
    return this.prisma.customerImportRow.findMany({
      where: {
        importId,
        ...(query.status ? { status: query.status } : {}),
        ...(after.id ? { rowNo: { gt: rowNumberOf(after.id.gt) } } : {}),
      },
      orderBy: { rowNo: 'asc' },
      take: page.take,
      select: { rowNo: true, status: true, customerId: true, errors: true },
    });
  }

  /**
   * Up to `limit` pending rows of running jobs, in order, locked for this transaction. The rows
   * of a job arrive faster than the statistics follow, so the planner thinks a job has two
   * pending rows: with a bitmap scan it then reads and sorts all of them (on disk, at 50,000)
   * for every batch. Per job, in the index's order (bitmap scans off for this transaction), the
   * scan stops after `limit` rows.
   */
  async claimRows(limit: number, work: Work): Promise<ClaimedRow[]> {
    const sql = sqlOf(work);
    await sql.$executeRawUnsafe('SET LOCAL enable_bitmapscan = off');
    return sql.$queryRawUnsafe<ClaimedRow[]>(
      `SELECT r."importId", r."rowNo", r.values, i.identity
         FROM customer_import i
         CROSS JOIN LATERAL (
           SELECT p."importId", p."rowNo", p.values FROM customer_import_row p
            WHERE p."importId" = i.id AND p.status = 'pending'
              AND (p."nextAttemptAt" IS NULL OR p."nextAttemptAt" <= now())
            ORDER BY p."rowNo"
            LIMIT $1
            FOR UPDATE SKIP LOCKED) r
        WHERE i.status = 'running'
        ORDER BY r."importId", r."rowNo"
        LIMIT $1`,
      limit,
    );
  }

  /** Each row's outcome, in one statement. */
  settleMany(outcomes: RowOutcome[], work: Work): Promise<number> {
    if (outcomes.length === 0) return Promise.resolve(0);
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE customer_import_row r
          SET status = o.status, "customerId" = o.customer_id, errors = o.errors
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::jsonb[])
           AS o(import_id, row_no, status, customer_id, errors)
        WHERE r."importId" = o.import_id AND r."rowNo" = o.row_no`,
      outcomes.map((outcome) => outcome.importId),
      outcomes.map((outcome) => outcome.rowNo),
      outcomes.map((outcome) => outcome.status),
      outcomes.map((outcome) => outcome.customerId ?? null),
      outcomes.map((outcome) =>
        outcome.errors === undefined ? null : JSON.stringify(outcome.errors),
      ),
    );
  }

  /**
   * A row whose apply failed unexpectedly (not a refusal, which settles it): it waits for its next
   * attempt, twice as long as the last (5 s up to an hour), and the rows behind it go on.
   */
  failed(row: { importId: string; rowNo: number }, error: string, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
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

  /**
   * Every running job with no row pending is complete. A batch's own check can miss it: lanes
   * finishing side by side each see the other's rows still pending until it commits.
   */
  completeAllDone(work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE customer_import i SET status = 'completed', "completedAt" = now()
        WHERE i.status = 'running'
          AND NOT EXISTS (SELECT 1 FROM customer_import_row r
                           WHERE r."importId" = i.id AND r.status = 'pending')`,
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

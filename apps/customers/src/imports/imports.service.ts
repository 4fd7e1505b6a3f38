import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

import {
  type CustomerImport,
  type CustomerImportReport,
  type ImportRowOutcome,
  CustomersRpc,
} from '@salesops/customers-contracts';
import { toPage, UnitOfWork, type Work } from '@salesops/persistence';
import { DomainError, type FieldError, type IdentityClaims, type RpcRequest } from '@salesops/rpc';

import { CustomersService } from '../customers/customers.service';
import { inputOfRow } from './import-row';
import {
  type ClaimedRow,
  type ImportRow,
  ImportsRepository,
  type RowOutcome,
} from './imports.repository';

/**
 * Rows applied per transaction: one commit (a WAL flush) per batch instead of per row, while a
 * stop still waits for one short batch only. Each created row is a subtransaction (its
 * savepoint): under PostgreSQL's 64 cached per transaction, past which every snapshot in the
 * database pays for looking them up.
 */
export const IMPORT_BATCH_ROWS = 50;
const BATCH_TIMEOUT_MS = 60_000;

/** Wakes this process's import worker when a job starts. */
export const importSignal = new EventEmitter();

/**
 * CSV imports: a job holds its rows; the worker applies them in batches, each row's outcome in
 * the transaction that creates its customer (or records why not), a refused row behind its own
 * savepoint, so a bad row never stops the good ones and a restart resumes where it stopped.
 * The same file (or Idempotency-Key) again is the same job.
 */
@Injectable()
export class ImportsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ImportsRepository) private readonly imports: ImportsRepository,
    @Inject(CustomersService) private readonly customers: CustomersService,
  ) {}

  async create(
    { idempotencyKey, fileHash, total }: RpcRequest<typeof CustomersRpc.createImport>,
    identity: IdentityClaims,
  ) {
    const { row, fresh } = await this.imports.createOrFind({
      id: randomUUID(),
      createdBy: identity.caller.id,
      dedupeKey: `${identity.caller.id}:${idempotencyKey ?? `file:${fileHash}`}`,
      identity,
      total,
    });
    return { job: await this.present(row), fresh };
  }

  async append(
    { importId, rows }: RpcRequest<typeof CustomersRpc.appendImportRows>,
    identity: IdentityClaims,
  ) {
    const job = await this.owned(importId, identity);
    if (job.status !== 'uploading') return { received: 0 };
    return { received: await this.imports.addRows(importId, rows) };
  }

  async start({ importId }: RpcRequest<typeof CustomersRpc.startImport>, identity: IdentityClaims) {
    await this.owned(importId, identity);
    await this.imports.start(importId);
    importSignal.emit('started');
    return this.present(await this.owned(importId, identity));
  }

  /** The job and one page of its row report, by row number (optionally of one outcome). */
  async get(
    { id, ...query }: RpcRequest<typeof CustomersRpc.getImport>,
    identity: IdentityClaims,
  ): Promise<CustomerImportReport> {
    const job = await this.present(await this.owned(id, identity));
    const rows = await this.imports.report(id, query);
    const page = toPage(
      rows.map((row) => ({ ...row, id: String(row.rowNo) })),
      query.limit,
      () => null,
    );
    return {
      ...job,
      rows: page.items.map((row) => ({
        row: row.rowNo,
        outcome: row.status as ImportRowOutcome,
        customerId: row.customerId,
        errors: (row.errors ?? []) as FieldError[],
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Applies up to IMPORT_BATCH_ROWS pending rows of running jobs in one transaction, each row
   * behind its own savepoint (a refused row rolls back alone), and records every row's outcome in
   * the same transaction as its customer: one commit per batch, not per row. A row that fails
   * unexpectedly waits for its own next attempt (by the database clock) while the rows behind it
   * go on. 0 when none was pending: then any job whose last rows were settled by batches side by
   * side is marked complete.
   */
  applyNextRows(): Promise<number> {
    return this.unitOfWork.run(
      async (work) => {
        const rows = await this.imports.claimRows(IMPORT_BATCH_ROWS, work);
        if (rows.length === 0) {
          await this.imports.completeAllDone(work);
          return 0;
        }
        const outcomes: RowOutcome[] = [];
        for (const row of rows) {
          try {
            outcomes.push(await this.apply(row, work));
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            await this.imports.failed(row, message, work);
          }
        }
        await this.imports.settleMany(outcomes, work);
        for (const importId of new Set(rows.map((row) => row.importId)))
          await this.imports.completeIfDone(importId, work);
        return rows.length;
      },
      { timeoutMs: BATCH_TIMEOUT_MS },
    );
  }

  private async apply(row: ClaimedRow, work: Work): Promise<RowOutcome> {
    const parsed = inputOfRow(row.values);
    if ('errors' in parsed) return { ...row, status: 'invalid', errors: parsed.errors };
    try {
      const customer = await this.imports.savepoint(work, () =>
        this.customers.register(parsed.input, row.identity, work),
      );
      return { ...row, status: 'created', customerId: customer.id };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'CUSTOMER_DUPLICATE') return { ...row, status: 'duplicate', errors: [] };
      const errors: FieldError[] = error.errors ?? [{ path: 'row', message: error.message }];
      return { ...row, status: 'invalid', errors };
    }
  }

  /** A job of the caller's; anyone else's is not found. */
  private async owned(id: string, identity: IdentityClaims): Promise<ImportRow> {
    const job = await this.imports.find(id);
    if (!job || job.createdBy !== identity.caller.id)
      throw new DomainError('CUSTOMER_IMPORT_NOT_FOUND');
    return job;
  }

  private async present(job: ImportRow): Promise<CustomerImport> {
    const counts = await this.imports.counts(job.id);
    return {
      id: job.id,
      status: job.status as CustomerImport['status'],
      total: job.total,
      ...counts,
      createdAt: job.createdAt.toISOString(),
      completedAt: job.completedAt?.toISOString() ?? null,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

import { type CustomerImport, CustomersRpc } from '@salesops/customers-contracts';
import { UnitOfWork } from '@salesops/persistence';
import { DomainError, type FieldError, type IdentityClaims, type RpcRequest } from '@salesops/rpc';

import { CustomersService } from '../customers/customers.service';
import { inputOfRow } from './import-row';
import { type ImportRow, ImportsRepository } from './imports.repository';

/** Wakes this process's import worker when a job starts. */
export const importSignal = new EventEmitter();

/**
 * CSV imports: a job holds its rows; the worker applies them one by one, each in the transaction
 * that creates its customer (or records why not), so a bad row never stops the good ones and a
 * restart resumes where it stopped. The same file (or Idempotency-Key) again is the same job.
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

  async get({ id }: RpcRequest<typeof CustomersRpc.getImport>, identity: IdentityClaims) {
    return this.present(await this.owned(id, identity), { withRows: true });
  }

  /**
   * Applies the next pending row of any running job; false when there was none. A row whose apply
   * fails unexpectedly is put back to wait for its own next attempt, so it never blocks the rows
   * (and jobs) behind it.
   */
  async applyNextRow(): Promise<boolean> {
    const claimed: { row: { importId: string; rowNo: number } | null } = { row: null };
    try {
      return await this.applyRow(claimed);
    } catch (error) {
      // Nothing claimed: the database itself failed, so the worker waits for its next poll.
      if (!claimed.row) throw error;
      await this.imports.failed(
        claimed.row,
        error instanceof Error ? error.message : String(error),
      );
      return true;
    }
  }

  private applyRow(claimed: { row: { importId: string; rowNo: number } | null }) {
    return this.unitOfWork.run(async (work) => {
      const row = await this.imports.claimRow(work);
      if (!row) return false;
      claimed.row = row;
      const parsed = inputOfRow(row.values);
      if ('errors' in parsed) {
        await this.imports.settle(row, { status: 'invalid', errors: parsed.errors }, work);
      } else {
        try {
          const customer = await this.imports.savepoint(work, () =>
            this.customers.register(parsed.input, row.identity, work),
          );
          await this.imports.settle(row, { status: 'created', customerId: customer.id }, work);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const duplicate = error.code === 'CUSTOMER_DUPLICATE';
          const errors: FieldError[] = error.errors ?? [{ path: 'row', message: error.message }];
          await this.imports.settle(
            row,
            duplicate ? { status: 'duplicate', errors: [] } : { status: 'invalid', errors },
            work,
          );
        }
      }
      await this.imports.completeIfDone(row.importId, work);
      return true;
    });
  }

  /** A job of the caller's; anyone else's is not found. */
  private async owned(id: string, identity: IdentityClaims): Promise<ImportRow> {
    const job = await this.imports.find(id);
    if (!job || job.createdBy !== identity.caller.id)
      throw new DomainError('CUSTOMER_IMPORT_NOT_FOUND');
    return job;
  }

  private async present(job: ImportRow, { withRows = false } = {}): Promise<CustomerImport> {
    const counts = await this.imports.counts(job.id);
    const rows = withRows ? await this.imports.report(job.id) : undefined;
    return {
      id: job.id,
      status: job.status as CustomerImport['status'],
      total: job.total,
      ...counts,
      createdAt: job.createdAt.toISOString(),
      completedAt: job.completedAt?.toISOString() ?? null,
      ...(rows
        ? {
            rows: rows.map((row) => ({
              row: row.rowNo,
              outcome: row.status as 'pending' | 'created' | 'duplicate' | 'invalid',
              customerId: row.customerId,
              errors: (row.errors ?? []) as FieldError[],
            })),
          }
        : {}),
    };
  }
}

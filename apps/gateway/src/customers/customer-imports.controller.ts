import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

import {
  CUSTOMER_IMPORT_COLUMNS,
  customerImportReportSchema,
  customerImportSchema,
  CustomersRpc,
  IMPORT_CHUNK_ROWS,
  type ImportReportQuery,
  importReportQuerySchema,
} from '@salesops/customers-contracts';
import { type CallContext, DomainError, RpcClient } from '@salesops/rpc';

import { ApiRoute, ValidParams, ValidQuery } from '../http/api-route.decorator';
import { CallCtx } from '../http/call-context.decorator';
import { idParams } from '../http/id-params';
import { parseCsv } from './csv-parse';

type Column = (typeof CUSTOMER_IMPORT_COLUMNS)[number];

/** The body of an import: CSV, up to IMPORT_BODY_LIMIT_BYTES (this route only). */
export const IMPORT_CONTENT_TYPE = 'text/csv';
export const IMPORT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * `POST /customers/import` (a CSV of customers, `202` with the job) and
 * `GET /customers/imports/:id` (its progress and one page of its per-row report). The gateway parses the file and
 * hands its rows to the customers service in chunks; the service applies them in the background.
 */
@Controller('customers')
export class CustomerImportsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Post('import')
  @ApiRoute({
    summary:
      'Import customers from CSV (text/csv, UTF-8, header names as the Customer fields, up to 10 MiB): 202 with the job; the same file again is the same job',
    permission: 'customers:write',
    tag: 'customers',
    status: 202,
    textBody: IMPORT_CONTENT_TYPE,
    response: customerImportSchema,
  })
  async import(
    @Req() request: FastifyRequest,
    @CallCtx() context: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (typeof request.body !== 'string') throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
    const rows = rowsOf(request.body);
    const key = request.headers['idempotency-key'];
    const { job } = await this.rpc.call(
      CustomersRpc.createImport,
      {
        idempotencyKey: typeof key === 'string' && key.length > 0 ? key.slice(0, 200) : null,
        fileHash: createHash('sha256').update(request.body).digest('hex'),
        total: rows.length,
      },
      context,
    );
    void reply.header('location', `/api/v1/customers/imports/${job.id}`);
    // A job still uploading is new, or one whose upload was cut short: its rows go (again).
    if (job.status !== 'uploading') return job;
    for (const chunk of chunksOf(rows)) {
      await this.rpc.call(
        CustomersRpc.appendImportRows,
        { importId: job.id, rows: chunk },
        context,
      );
    }
    return this.rpc.call(CustomersRpc.startImport, { importId: job.id }, context);
  }

  @Get('imports/:id')
  @ApiRoute({
    summary:
      "An import's progress, counts per outcome, and one page of its per-row report by row number (created, duplicate, invalid with the field errors, pending; `status` keeps one outcome)",
    permission: 'customers:write',
    tag: 'customers',
    params: idParams,
    query: importReportQuerySchema,
    response: customerImportReportSchema,
  })
  get(
    @ValidParams() { id }: { id: string },
    @ValidQuery() query: ImportReportQuery,
    @CallCtx() context: CallContext,
  ) {
    return this.rpc.call(CustomersRpc.getImport, { ...query, id }, context);
  }
}

/** Well under NATS's default 1 MiB message, whatever the rows hold. */
const CHUNK_BYTES = 256 * 1024;

/** The rows in chunks of at most IMPORT_CHUNK_ROWS rows and about CHUNK_BYTES. */
function* chunksOf<T>(rows: readonly T[]): Generator<T[]> {
  let chunk: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row));
    if (chunk.length > 0 && (chunk.length === IMPORT_CHUNK_ROWS || bytes + size > CHUNK_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

/** The data rows of the file, numbered from 1, as column → cell; an unknown header is refused. */
function rowsOf(text: string): { row: number; values: Partial<Record<Column, string>> }[] {
  const [header, ...records] = parseCsv(text);
  const columns = (header ?? []).map((name) => name.trim());
  const unknown = columns.filter(
    (name) => !(CUSTOMER_IMPORT_COLUMNS as readonly string[]).includes(name),
  );
  if (columns.length === 0 || unknown.length > 0 || !columns.includes('name')) {
    throw new DomainError('VALIDATION_FAILED', undefined, undefined, [
      {
        path: 'header',
        message: `columns are ${CUSTOMER_IMPORT_COLUMNS.join(', ')} (name required)${
          unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''
        }`,
      },
    ]);
  }
  return records.map((record, index) => ({
    row: index + 1,
    values: Object.fromEntries(
      columns.map((column, at) => [column, (record[at] ?? '').slice(0, 1000)]),
    ),
  }));
}

import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';

import { CustomersRpc, listCustomersQuerySchema } from '@salesops/customers-contracts';
import { type CallContext, type IdentityClaims, RpcClient } from '@salesops/rpc';

import { AuditTrail } from '../audit/audit-trail';
import { ApiRoute, ValidQuery } from '../http/api-route.decorator';
import { CallCtx } from '../http/call-context.decorator';
import { CUSTOMER_CSV_COLUMNS, csvLine, customerCsvLine } from './customers-csv';

const exportQuerySchema = listCustomersQuerySchema.omit({ limit: true, cursor: true });
type ExportQuery = z.output<typeof exportQuerySchema>;

const PAGE = 100;

/**
 * `GET /customers/export`: the filtered list as CSV, streamed page by page from the customers
 * service (so its scope and masking apply to every row), and audited with the filter and the
 * number of rows.
 */
@Controller('customers')
export class CustomersExportController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Get('export')
  @ApiRoute({
    summary: 'Export the filtered customers as CSV (masked unless `contact=clear` and allowed)',
    permission: 'customers:export',
    tag: 'customers',
    query: exportQuerySchema,
  })
  async export(
    @ValidQuery() query: ExportQuery,
    @CallCtx() context: CallContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // The first page is asked before anything is sent: a refusal is still a problem+json answer.
    const first = await this.page(query, undefined, context);
    const rows = this.rows(query, first, context);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="customers.csv"')
      .send(Readable.from(rows));
  }

  private page(query: ExportQuery, cursor: string | undefined, context: CallContext) {
    return this.rpc.call(
      CustomersRpc.listCustomers,
      { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) },
      context,
    );
  }

  private async *rows(
    query: ExportQuery,
    first: Awaited<ReturnType<CustomersExportController['page']>>,
    context: CallContext,
  ): AsyncGenerator<string> {
    yield csvLine(CUSTOMER_CSV_COLUMNS);
    let page = first;
    let count = 0;
    for (;;) {
      for (const customer of page.items) yield customerCsvLine(customer);
      count += page.items.length;
      if (!page.nextCursor) break;
      page = await this.page(query, page.nextCursor, context);
    }
    const identity = context.identity as IdentityClaims;
    await this.audit.record('customers.export', {
      actor: identity.caller.id,
      requestId: context.requestId,
      details: { filter: query, rows: count },
    });
  }
}

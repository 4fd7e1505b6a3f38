import { Controller, Get, Inject } from '@nestjs/common';
import { z } from 'zod';

import { DomainError, pageOf, pageQuerySchema } from '@salesops/rpc';

import { ApiRoute, ValidQuery } from '../http/api-route.decorator';
import { toStoredAuditEntry } from './audit.mapper';
import { AuditRepository } from './audit.repository';

const auditQuerySchema = z
  .object({
    actor: z.string().max(200).optional(),
    subject: z.string().max(200).optional(),
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    ...pageQuerySchema.shape,
    cursor: z.string().regex(/^\d+$/).optional(),
  })
  .strict();

const auditEventSchema = z.object({
  seq: z.string(),
  at: z.iso.datetime(),
  actor: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

@Controller('audit-events')
export class AuditController {
  constructor(@Inject(AuditRepository) private readonly audit: AuditRepository) {}

  @Get()
  @ApiRoute({
    summary: 'The audit trail, newest first, filtered by actor, subject and time',
    tag: 'audit',
    permission: 'audit:read',
    query: auditQuerySchema,
    response: pageOf(auditEventSchema),
  })
  async list(@ValidQuery() query: z.output<typeof auditQuerySchema>) {
    if (query.from && query.to && query.from > query.to) {
      throw new DomainError('VALIDATION_FAILED', 'from is after to', undefined, [
        { path: 'query.from', message: 'must not be after to' },
      ]);
    }
    const rows = await this.audit.list({
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.subject ? { subject: query.subject } : {}),
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
      ...(query.cursor ? { beforeSeq: BigInt(query.cursor) } : {}),
      limit: query.limit,
    });
    const items = rows.slice(0, query.limit).map((row) => {
      const { prevHash: _prevHash, ...entry } = toStoredAuditEntry(row);
      return { ...entry, seq: entry.seq.toString() };
    });
    return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.seq ?? null) : null };
  }
}

import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import type { AuditEvent } from '../generated/prisma/client';
import { type AuditEntry, chainHash, GENESIS_HASH } from './audit-chain';

/** Any number, the same in every instance: appends take it so the chain has one order. */
const CHAIN_LOCK = 7_310_042;
const BATCH_LIMIT = 500;

export interface AuditFilter {
  actor?: string;
  subject?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: bigint;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  private readonly pending: { entries: readonly AuditEntry[]; done: (error?: Error) => void }[] =
    [];
  private writing = false;

  /**
   * Appends entries in their order. Appends are written in batches by one writer per process,
   * one transaction each (group commit): under load, many requests share one commit instead of
   * queueing for connections.
   */
  append(entries: readonly AuditEntry[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entries, done: (error) => (error ? reject(error) : resolve()) });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, BATCH_LIMIT);
        try {
          await this.write(batch.flatMap((append) => append.entries));
          for (const append of batch) append.done();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error('the audit append failed');
          for (const append of batch) append.done(failure);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** In plain SQL: it runs on every audited request, where Prisma's createMany cost most. */
  private write(entries: readonly AuditEntry[]): Promise<unknown> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
      const [last] = await tx.$queryRawUnsafe<{ hash: string }[]>(
        `SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1`,
      );
      let prevHash = last?.hash ?? GENESIS_HASH;
      const rows = entries.map((entry) => {
        const hash = chainHash(prevHash, entry);
        const row = { ...entry, prevHash, hash };
        prevHash = hash;
        return row;
      });
      return tx.$executeRawUnsafe(
        `INSERT INTO audit_event (at, actor, action, subject, "requestId", details, "prevHash", hash)
         SELECT at, actor, action, subject, "requestId", details, "prevHash", hash
         FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[],
           $6::jsonb[], $7::text[], $8::text[])
           WITH ORDINALITY AS e(at, actor, action, subject, "requestId", details, "prevHash", hash, n)
         ORDER BY n`,
        rows.map((row) => row.at),
        rows.map((row) => row.actor),
        rows.map((row) => row.action),
        rows.map((row) => row.subject),
        rows.map((row) => row.requestId),
        rows.map((row) => JSON.stringify(row.details)),
        rows.map((row) => row.prevHash),
        rows.map((row) => row.hash),
      );
    });
  }

  list(filter: AuditFilter): Promise<AuditEvent[]> {
    return this.prisma.auditEvent.findMany({
      where: {
        ...(filter.actor ? { actor: filter.actor } : {}),
        ...(filter.subject ? { subject: filter.subject } : {}),
        ...(filter.from || filter.to ? { at: { gte: filter.from, lte: filter.to } } : {}),
        ...(filter.beforeSeq ? { seq: { lt: filter.beforeSeq } } : {}),
      },
      orderBy: { seq: 'desc' },
      take: filter.limit + 1,
    });
  }
}

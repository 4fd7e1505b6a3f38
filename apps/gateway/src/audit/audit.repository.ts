import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '@salesops/service-runtime';

import { PrismaService } from '../database/prisma.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import type { AuditEvent } from '../generated/prisma/client';
import { type AuditEntry, AuditChain, GENESIS_HASH } from './audit-chain';
import type { LoggedHead } from './trail-check';

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
  private readonly chain: AuditChain;
  /** Heads go to the log whatever LOG_LEVEL says: they are what a deleted tail is checked against. */
  private readonly headLog: Logger;

  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.chain = AuditChain.keyed(config.auditChainKey);
    this.headLog = logger.child({}, { level: 'info' });
  }

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
          const head = await this.write(batch.flatMap((append) => append.entries));
          this.headLog.info(
            { auditHead: { seq: head.seq.toString(), hash: head.hash } },
            'audit appended',
          );
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
  private write(entries: readonly AuditEntry[]): Promise<LoggedHead> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
      // The first keyed entry chains to the last one written before the key, if any.
      const [last] = await tx.$queryRawUnsafe<{ hash: string }[]>(
        `SELECT hash FROM (
           (SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1)
           UNION ALL
           (SELECT seq, hash FROM audit_event_unkeyed ORDER BY seq DESC LIMIT 1)
         ) AS last ORDER BY seq DESC LIMIT 1`,
      );
      let prevHash = last?.hash ?? GENESIS_HASH;
      const rows = entries.map((entry) => {
        const hash = this.chain.hash(prevHash, entry);
        const row = { ...entry, prevHash, hash };
        prevHash = hash;
        return row;
      });
      const inserted = await tx.$queryRawUnsafe<{ seq: bigint }[]>(
        `INSERT INTO audit_event (at, actor, action, subject, "requestId", details, "prevHash", hash)
         SELECT at, actor, action, subject, "requestId", details, "prevHash", hash
         FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[],
           $6::jsonb[], $7::text[], $8::text[])
           WITH ORDINALITY AS e(at, actor, action, subject, "requestId", details, "prevHash", hash, n)
         ORDER BY n
         RETURNING seq`,
        rows.map((row) => row.at),
        rows.map((row) => row.actor),
        rows.map((row) => row.action),
        rows.map((row) => row.subject),
        rows.map((row) => row.requestId),
        rows.map((row) => JSON.stringify(row.details)),
        rows.map((row) => row.prevHash),
        rows.map((row) => row.hash),
      );
      const seq = inserted.reduce((max, row) => (row.seq > max ? row.seq : max), 0n);
      return { seq, hash: prevHash };
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

import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import type { AuditEvent, Prisma } from '../generated/prisma/client';
import { type AuditEntry, chainHash, GENESIS_HASH } from './audit-chain';

/** Any number, the same in every instance: appends take it so the chain has one order. */
const CHAIN_LOCK = 7_310_042;

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

  /** Appends entries in their order, as one step of the chain's single order. */
  append(entries: readonly AuditEntry[]): Promise<void> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
      const last = await tx.auditEvent.findFirst({
        orderBy: { seq: 'desc' },
        select: { hash: true },
      });
      let prevHash = last?.hash ?? GENESIS_HASH;
      for (const entry of entries) {
        const hash = chainHash(prevHash, entry);
        await tx.auditEvent.create({
          data: {
            ...entry,
            at: new Date(entry.at),
            details: entry.details as Prisma.InputJsonObject,
            prevHash,
            hash,
          },
        });
        prevHash = hash;
      }
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

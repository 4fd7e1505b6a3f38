import { createPrismaAdapter } from '@salesops/persistence';

import { PrismaClient } from '../generated/prisma/client';
import { firstBrokenLink, GENESIS_HASH, type StoredAuditEntry } from './audit-chain';
import { toStoredAuditEntry } from './audit.mapper';

const BATCH = 1000;

/** `node apps/gateway/dist/audit/verify-audit.js`: walks the trail and names its first broken link. */
async function verify(): Promise<void> {
  const databaseUrl =
    process.env['GATEWAY_DATABASE_URL'] ??
    'postgresql://postgres@127.0.0.1:5432/salesops?schema=gateway';
  const prisma = new PrismaClient({ adapter: createPrismaAdapter(databaseUrl, 1) });
  try {
    let after = 0n;
    let prev = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const rows = await prisma.auditEvent.findMany({
        where: { seq: { gt: after } },
        orderBy: { seq: 'asc' },
        take: BATCH,
      });
      if (rows.length === 0) break;
      const entries = rows.map(toStoredAuditEntry);
      const broken = firstBrokenLink(entries, prev);
      if (broken) {
        process.stdout.write(`audit trail broken at entry ${broken.seq}: ${broken.reason}\n`);
        process.exitCode = 1;
        return;
      }
      checked += rows.length;
      prev = (entries.at(-1) as StoredAuditEntry).hash;
      after = (entries.at(-1) as StoredAuditEntry).seq;
    }
    process.stdout.write(`audit trail intact: ${checked} entries\n`);
  } finally {
    await prisma.$disconnect();
  }
}

void verify();

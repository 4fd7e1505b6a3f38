import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { createPrismaAdapter } from '@salesops/persistence';

import { PrismaClient } from '../generated/prisma/client';
import type { AuditEvent } from '../generated/prisma/client';
import { AuditChain, GENESIS_HASH, type BrokenLink } from './audit-chain';
import { toStoredAuditEntry } from './audit.mapper';
import { type LoggedHead, loggedHeadsIn, parseLoggedHead, TrailCheck } from './trail-check';

const BATCH = 1000;
const USAGE =
  'usage: node apps/gateway/dist/audit/verify-audit.js [--head <seq>:<hash>]... [--log <gateway log>]...';

/**
 * `node apps/gateway/dist/audit/verify-audit.js --log logs/gateway.log`: walks the trail under
 * AUDIT_CHAIN_KEY and names its first broken link. The heads the gateway logged (`--log`, or
 * `--head seq:hash`, or AUDIT_HEAD) must all be on the trail, so a deleted tail is reported too.
 */
async function verify(): Promise<void> {
  const { values } = parseArgs({
    options: {
      head: { type: 'string', multiple: true, default: [] },
      log: { type: 'string', multiple: true, default: [] },
    },
  });
  const fromEnv = process.env['AUDIT_HEAD'];
  const heads: LoggedHead[] = [
    ...[...values.head, ...(fromEnv ? [fromEnv] : [])].map(parseLoggedHead),
    ...values.log.flatMap((path) => loggedHeadsIn(readFileSync(path, 'utf8'))),
  ];
  const key = process.env['AUDIT_CHAIN_KEY'];
  if (!key)
    throw new Error('AUDIT_CHAIN_KEY is required: the key the gateway chains the trail with');
  const chain = AuditChain.keyed(Buffer.from(key, 'base64'));
  const databaseUrl =
    process.env['GATEWAY_DATABASE_URL'] ??
    'postgresql://salesops_gateway@127.0.0.1:5432/salesops?schema=gateway';
  const prisma = new PrismaClient({ adapter: createPrismaAdapter(databaseUrl, 1) });
  try {
    // Entries from before the key: plain SHA-256, and the first keyed entry chains to their end.
    const unkeyed = new TrailCheck(AuditChain.unkeyed, GENESIS_HASH, []);
    const archived = await walk(prisma, 'audit_event_unkeyed', unkeyed);
    if (archived.broken) return report(archived.broken, 'before the key');
    const keyed = new TrailCheck(chain, archived.lastHash, heads);
    const trail = await walk(prisma, 'audit_event', keyed);
    const broken = trail.broken ?? keyed.finish();
    if (broken) return report(broken);
    const before = unkeyed.checked > 0 ? `, ${unkeyed.checked} of them from before the key` : '';
    const anchored =
      heads.length > 0
        ? `; every head the log recorded (${heads.length}) is on it`
        : '; no logged head given (--log or --head): a deleted tail would go unnoticed';
    process.stdout.write(
      `audit trail intact: ${unkeyed.checked + keyed.checked} entries${before}${anchored}\n`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

async function walk(
  prisma: PrismaClient,
  table: 'audit_event' | 'audit_event_unkeyed',
  check: TrailCheck,
): Promise<{ broken: BrokenLink | null; lastHash: string }> {
  let after = 0n;
  let lastHash = GENESIS_HASH;
  for (;;) {
    const rows = await prisma.$queryRawUnsafe<AuditEvent[]>(
      `SELECT * FROM ${table} WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`,
      after,
    );
    const last = rows.at(-1);
    if (!last) return { broken: null, lastHash };
    const broken = check.add(rows.map(toStoredAuditEntry));
    if (broken) return { broken, lastHash };
    after = last.seq;
    lastHash = last.hash;
  }
}

function report(broken: BrokenLink, part?: string): void {
  const where = part ? ` (${part})` : '';
  process.stdout.write(`audit trail broken at entry ${broken.seq}${where}: ${broken.reason}\n`);
  process.exitCode = 1;
}

verify().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 2;
});

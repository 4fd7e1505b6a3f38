import { contactKeysEnvSchema, createPrismaAdapter } from '@salesops/persistence';
import { loadConfig, loadConfigOrExit } from '@salesops/service-runtime';

import { PrismaClient } from '../generated/prisma/client';
import { CONTACT_FIELDS, sealContact } from '../members/contact-fields';

const BATCH = 500;

/**
 * `node apps/members/dist/contact-keys/reencrypt-contacts.js`: seals every contact field with the
 * active key (CONTACT_ACTIVE_KEY), reading old values with any key of CONTACT_KEYS. Run it after
 * making a new key active; the service keeps serving meanwhile, since it reads both.
 */
async function reencrypt(): Promise<void> {
  const cipher = loadConfigOrExit('members', () => loadConfig(contactKeysEnvSchema));
  const databaseUrl =
    process.env['MEMBERS_DATABASE_URL'] ??
    'postgresql://postgres@127.0.0.1:5432/salesops?schema=members';
  const prisma = new PrismaClient({ adapter: createPrismaAdapter(databaseUrl, 2) });
  let after: string | undefined;
  let changed = 0;
  try {
    for (;;) {
      const rows = await prisma.member.findMany({
        where: after ? { id: { gt: after } } : {},
        orderBy: { id: 'asc' },
        take: BATCH,
        select: { id: true, phone: true, wechatId: true, email: true },
      });
      if (rows.length === 0) break;
      for (const row of rows) {
        if (
          !CONTACT_FIELDS.some((field) => row[field] !== null && cipher.needsRotation(row[field]))
        ) {
          continue;
        }
        const clear = Object.fromEntries(
          CONTACT_FIELDS.map((field) => {
            const value = row[field];
            return [
              field,
              value !== null && cipher.isSealed(value) ? cipher.decrypt(value) : value,
            ];
          }),
        ) as Record<(typeof CONTACT_FIELDS)[number], string | null>;
        await prisma.member.update({ where: { id: row.id }, data: sealContact(cipher, clear) });
        changed += 1;
      }
      after = rows.at(-1)?.id;
    }
    process.stdout.write(`re-encrypted ${changed} members\n`);
  } finally {
    await prisma.$disconnect();
  }
}

void reencrypt();

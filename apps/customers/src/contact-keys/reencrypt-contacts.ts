import { contactKeysEnvSchema, createPrismaAdapter } from '@salesops/persistence';
import { loadConfig, loadConfigOrExit } from '@salesops/service-runtime';

import { CONTACT_FIELDS, openContact, sealContact } from '../customers/contact-fields';
import { PrismaClient } from '../generated/prisma/client';

const BATCH = 500;

/**
 * `node apps/customers/dist/contact-keys/reencrypt-contacts.js`: seals every contact field of the
 * customers with the active key (CONTACT_ACTIVE_KEY), reading old values with any key of
 * CONTACT_KEYS. Run it after making a new key active; the service keeps serving meanwhile.
 */
async function reencrypt(): Promise<void> {
  const cipher = loadConfigOrExit('customers', () => loadConfig(contactKeysEnvSchema));
  const databaseUrl =
    process.env['CUSTOMERS_DATABASE_URL'] ??
    'postgresql://postgres@127.0.0.1:5432/salesops?schema=customers';
  const prisma = new PrismaClient({ adapter: createPrismaAdapter(databaseUrl, 2) });
  const select = {
    id: true,
    phone: true,
    wechatId: true,
    email: true,
    address: true,
    birthday: true,
  };
  const unreadable: string[] = [];
  let changed = 0;
  try {
    let after: string | undefined;
    for (;;) {
      const rows = await prisma.customer.findMany({
        where: after ? { id: { gt: after } } : {},
        orderBy: { id: 'asc' },
        take: BATCH,
        select,
      });
      if (rows.length === 0) break;
      for (const row of rows) {
        const stale = CONTACT_FIELDS.some((field) => {
          const value = row[field];
          return value !== null && cipher.needsRotation(value);
        });
        if (!stale) continue;
        let clear: typeof row;
        try {
          clear = openContact(cipher, row);
        } catch {
          // A value that no key opens in its place was tampered with or copied from another row.
          unreadable.push(row.id);
          continue;
        }
        const { id, ...fields } = clear;
        await prisma.customer.update({ where: { id }, data: sealContact(cipher, fields, id) });
        changed += 1;
      }
      after = rows.at(-1)?.id;
    }
    process.stdout.write(`re-encrypted ${changed} customers\n`);
    if (unreadable.length > 0) {
      process.stderr.write(`left sealed values no key opens: customer ${unreadable.join(', ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    await prisma.$disconnect();
  }
}

void reencrypt();

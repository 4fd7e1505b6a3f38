import { contactKeysEnvSchema, createPrismaAdapter, type FieldCipher } from '@salesops/persistence';
import { loadConfig, loadConfigOrExit } from '@salesops/service-runtime';

import { PrismaClient } from '../generated/prisma/client';
import { CONTACT_FIELDS, type ContactTable, sealContact } from '../members/contact-fields';

const BATCH = 500;

type ContactRow = { id: string } & Record<(typeof CONTACT_FIELDS)[number], string | null>;

/**
 * `node apps/members/dist/contact-keys/reencrypt-contacts.js`: seals every contact field of
 * members and candidates with the active key (CONTACT_ACTIVE_KEY) and binds it to its row,
 * reading old values with any key of CONTACT_KEYS. Run it after making a new key active; the
 * service keeps serving meanwhile, since it reads both.
 */
async function reencrypt(): Promise<void> {
  const cipher = loadConfigOrExit('members', () => loadConfig(contactKeysEnvSchema));
  const databaseUrl =
    process.env['MEMBERS_DATABASE_URL'] ??
    'postgresql://postgres@127.0.0.1:5432/salesops?schema=members';
  const prisma = new PrismaClient({ adapter: createPrismaAdapter(databaseUrl, 2) });
  const select = { id: true, phone: true, wechatId: true, email: true } as const;
  try {
    const unreadable: string[] = [];
    const members = await reencryptTable(
      unreadable,
      cipher,
      'member',
      (after) =>
        prisma.member.findMany({
          where: idAfter(after),
          orderBy: { id: 'asc' },
          take: BATCH,
          select,
        }),
      async (id, data) => {
        await prisma.member.update({ where: { id }, data });
      },
    );
    const candidates = await reencryptTable(
      unreadable,
      cipher,
      'application',
      async (after) =>
        (
          await prisma.application.findMany({
            where: idAfter(after),
            orderBy: { id: 'asc' },
            take: BATCH,
            select: { id: true, phone: true, email: true },
          })
        ).map((row) => ({ ...row, wechatId: null })),
      async (id, { phone, email }) => {
        await prisma.application.update({ where: { id }, data: { phone, email } });
      },
    );
    process.stdout.write(`re-encrypted ${members} members, ${candidates} candidates\n`);
    if (unreadable.length > 0) {
      // A value that no key opens in its place was tampered with or copied from another row.
      process.stderr.write(`left sealed values no key opens: ${unreadable.join(', ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    await prisma.$disconnect();
  }
}

const idAfter = (after: string | undefined) => (after ? { id: { gt: after } } : {});

async function reencryptTable(
  unreadable: string[],
  cipher: FieldCipher,
  table: ContactTable,
  page: (after: string | undefined) => Promise<ContactRow[]>,
  save: (
    id: string,
    sealed: Omit<ContactRow, 'id'> & { phoneIndex?: string | null },
  ) => Promise<void>,
): Promise<number> {
  let after: string | undefined;
  let changed = 0;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return changed;
    for (const row of rows) {
      if (!CONTACT_FIELDS.some((field) => row[field] !== null && cipher.needsRotation(row[field])))
        continue;
      let clear: Omit<ContactRow, 'id'>;
      try {
        clear = Object.fromEntries(
          CONTACT_FIELDS.map((field) => {
            const value = row[field];
            const place = { table, field, rowId: row.id };
            return [
              field,
              value !== null && cipher.isSealed(value) ? cipher.decrypt(value, place) : value,
            ];
          }),
        ) as Omit<ContactRow, 'id'>;
      } catch {
        unreadable.push(`${table} ${row.id}`);
        continue;
      }
      await save(row.id, sealContact(cipher, clear, { table, rowId: row.id }));
      changed += 1;
    }
    after = rows.at(-1)?.id;
  }
}

void reencrypt();

import type { FieldCipher } from '@salesops/persistence';

export const CONTACT_FIELDS = ['phone', 'wechatId', 'email'] as const;
type Contact = Partial<Record<(typeof CONTACT_FIELDS)[number], string | null>>;

/** The tables whose rows hold contact fields; each sealed value is bound to its table and row. */
export type ContactTable = 'member' | 'application';

/**
 * The stored form of contact fields of row `rowId`: sealed, and for members the phone's blind
 * index beside it (candidates are not searched by phone).
 */
export function sealContact<T extends Contact>(
  cipher: FieldCipher,
  fields: T,
  { table, rowId }: { table: ContactTable; rowId: string },
): T & { phoneIndex?: string | null } {
  const sealed: Record<string, unknown> = { ...fields };
  for (const field of CONTACT_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string') sealed[field] = cipher.encrypt(value, { table, field, rowId });
  }
  if (table === 'member' && 'phone' in fields)
    sealed['phoneIndex'] = fields.phone ? cipher.blindIndex(fields.phone) : null;
  return sealed as T & { phoneIndex?: string | null };
}

/** A stored row with its contact fields in clear (rows from before encryption read as they are). */
export function openContact<T extends Contact & { id: string }>(
  cipher: FieldCipher,
  table: ContactTable,
  row: T,
): T {
  const opened: Contact = { ...row };
  for (const field of CONTACT_FIELDS) {
    const value = row[field];
    if (typeof value === 'string' && cipher.isSealed(value))
      opened[field] = cipher.decrypt(value, { table, field, rowId: row.id });
  }
  return opened as T;
}

import type { FieldCipher } from '@salesops/persistence';

export const CONTACT_FIELDS = ['phone', 'wechatId', 'email'] as const;
type Contact = Partial<Record<(typeof CONTACT_FIELDS)[number], string | null>>;

/**
 * The stored form of contact fields: sealed, and for members the phone's blind index beside it
 * (candidates are not searched by phone).
 */
export function sealContact<T extends Contact>(
  cipher: FieldCipher,
  fields: T,
  { phoneIndex = true } = {},
): T & { phoneIndex?: string | null } {
  const sealed: Record<string, unknown> = { ...fields };
  for (const field of CONTACT_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string') sealed[field] = cipher.encrypt(value);
  }
  if (phoneIndex && 'phone' in fields)
    sealed['phoneIndex'] = fields.phone ? cipher.blindIndex(fields.phone) : null;
  return sealed as T & { phoneIndex?: string | null };
}

/** A stored row with its contact fields in clear (rows from before encryption read as they are). */
export function openContact<T extends Contact>(cipher: FieldCipher, row: T): T {
  const opened: Contact = { ...row };
  for (const field of CONTACT_FIELDS) {
    const value = row[field];
    if (typeof value === 'string' && cipher.isSealed(value)) opened[field] = cipher.decrypt(value);
  }
  return opened as T;
}

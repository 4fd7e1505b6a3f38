import type { FieldCipher } from '@salesops/persistence';

import type { Member as MemberRow } from '../generated/prisma/client';

export const CONTACT_FIELDS = ['phone', 'wechatId', 'email'] as const;
type Contact = Partial<Record<(typeof CONTACT_FIELDS)[number], string | null>>;

/** The stored form of contact fields: sealed, with the phone's blind index beside it. */
export function sealContact<T extends Contact>(
  cipher: FieldCipher,
  fields: T,
): T & { phoneIndex?: string | null } {
  const sealed: Record<string, unknown> = { ...fields };
  for (const field of CONTACT_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string') sealed[field] = cipher.encrypt(value);
  }
  if ('phone' in fields)
    sealed['phoneIndex'] = fields.phone ? cipher.blindIndex(fields.phone) : null;
  return sealed as T & { phoneIndex?: string | null };
}

/** A stored row with its contact fields in clear (rows from before encryption read as they are). */
export function openContact(cipher: FieldCipher, row: MemberRow): MemberRow {
  const opened = { ...row };
  for (const field of CONTACT_FIELDS) {
    const value = row[field];
    if (value !== null && cipher.isSealed(value)) opened[field] = cipher.decrypt(value);
  }
  return opened;
}

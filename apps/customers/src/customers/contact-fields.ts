import type { FieldCipher } from '@salesops/persistence';

export const CONTACT_FIELDS = ['phone', 'wechatId', 'email', 'address', 'birthday'] as const;
type Contact = Partial<Record<(typeof CONTACT_FIELDS)[number], string | null>>;

/** The keyed hash a WeChat id is found by: case-insensitive, apart from the phone's. */
export function wechatIndexOf(cipher: FieldCipher, wechatId: string): string {
  return cipher.blindIndex(`wechat:${wechatId.toLowerCase()}`);
}

/**
 * The keyed hash a birthday (`YYYY-MM-DD`) is found by on its day of the year (`MM-DD`): care
 * reminders find today's birthdays without opening anyone's.
 */
export function birthdayIndexOf(cipher: FieldCipher, monthDay: string): string {
  return cipher.blindIndex(`birthday:${monthDay}`);
}

type Indexes = {
  phoneIndex?: string | null;
  wechatIndex?: string | null;
  birthdayIndex?: string | null;
};

/**
 * The stored form of a customer's contact fields: sealed and bound to the row, with the blind
 * indexes of the phone, WeChat id and birthday beside them (only for the fields given).
 */
export function sealContact<T extends Contact>(
  cipher: FieldCipher,
  fields: T,
  rowId: string,
): T & Indexes {
  const sealed: Record<string, unknown> = { ...fields };
  for (const field of CONTACT_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string')
      sealed[field] = cipher.encrypt(value, { table: 'customer', field, rowId });
  }
  if ('phone' in fields)
    sealed['phoneIndex'] = fields.phone ? cipher.blindIndex(fields.phone) : null;
  if ('wechatId' in fields)
    sealed['wechatIndex'] = fields.wechatId ? wechatIndexOf(cipher, fields.wechatId) : null;
  if ('birthday' in fields)
    sealed['birthdayIndex'] = fields.birthday
      ? birthdayIndexOf(cipher, fields.birthday.slice(5, 10))
      : null;
  return sealed as T & Indexes;
}

/** A stored row with its contact fields opened. */
export function openContact<T extends Contact & { id: string }>(cipher: FieldCipher, row: T): T {
  const opened: Contact = { ...row };
  for (const field of CONTACT_FIELDS) {
    const value = row[field];
    if (typeof value === 'string' && cipher.isSealed(value))
      opened[field] = cipher.decrypt(value, { table: 'customer', field, rowId: row.id });
  }
  return opened as T;
}

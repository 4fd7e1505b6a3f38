import type { Customer } from '@salesops/customers-contracts';

export const CUSTOMER_CSV_COLUMNS = [
  'id',
  'type',
  'name',
  'phone',
  'wechatId',
  'email',
  'address',
  'birthday',
  'channel',
  'intent',
  'tags',
  'ownerId',
  'teamId',
  'stage',
  'lastContactAt',
  'nextFollowUpAt',
  'createdAt',
] as const satisfies readonly (keyof Customer)[];

/**
 * One CSV cell (RFC 4180). A value a spreadsheet would run as a formula is prefixed with `'`, so
 * an export opened in one cannot execute what a customer's name carried.
 */
export function csvCell(value: string | number | readonly string[] | null | undefined): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? value.join(';')
        : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly Parameters<typeof csvCell>[0][]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function customerCsvLine(customer: Partial<Customer>): string {
  return csvLine(CUSTOMER_CSV_COLUMNS.map((column) => customer[column]));
}

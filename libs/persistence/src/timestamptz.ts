import { types as pgTypes } from 'pg';

const TIMESTAMPTZ_OID = 1184;
const pgParse = pgTypes.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => unknown;

/** The number written at `text[from..to)`, or -1 when a character there is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let at = from; at < to; at += 1) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A timestamptz as PostgreSQL writes it in UTC (`2026-11-29 04:05:58.079+00`), read by position;
 * the same Date as pg's parser (postgres-date), which tries three regular expressions on every
 * value. Anything else (another offset, BC, infinity, a year before 100) goes to pg's parser.
 */
export function parseTimestamptz(text: string): unknown {
  const end = text.length - 3;
  if (
    end >= 19 &&
    text.charCodeAt(end) === 43 && // +
    text.charCodeAt(end + 1) === 48 &&
    text.charCodeAt(end + 2) === 48 &&
    text[4] === '-' &&
    text[7] === '-' &&
    text[10] === ' ' &&
    text[13] === ':' &&
    text[16] === ':' &&
    (end === 19 || (text[19] === '.' && end > 20 && digits(text, 20, end) >= 0))
  ) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    const hour = digits(text, 11, 13);
    const minute = digits(text, 14, 16);
    const second = digits(text, 17, 19);
    if (year >= 100 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0) {
      // As postgres-date computes it, to the same truncation.
      const ms = end === 19 ? 0 : 1000 * parseFloat(text.slice(19, end));
      return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
    }
  }
  return pgParse(text);
}

export { TIMESTAMPTZ_OID };

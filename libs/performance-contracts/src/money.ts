import { z } from 'zod';

/** Money as the other services write it: a decimal string with two places, cents in code. */
export type Money = string;

const MONEY_TEXT = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/** `"1234.5"` → `123450n`. Throws on anything but a plain decimal with at most two places. */
export function centsOf(text: Money): bigint {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not an amount of money: ${text}`);
  const [, sign, units, cents = ''] = match;
  const minor = BigInt(units as string) * 100n + BigInt(cents.padEnd(2, '0'));
  return sign ? -minor : minor;
}

/** `123450n` → `"1234.50"`. */
export function moneyOf(cents: bigint): Money {
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  return `${negative ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

/** An amount a client gives: not negative, at most two places; read back as `"x.yy"`. */
export const moneyInputSchema = z
  .string()
  .trim()
  .regex(MONEY_TEXT, 'a decimal amount with at most two places, e.g. "1234.50"')
  .transform((text) => moneyOf(centsOf(text)));

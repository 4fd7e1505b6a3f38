import { z } from 'zod';

/**
 * Money in the company currency, exact: a decimal string with two places on the API (`"1234.50"`),
 * integer minor units (cents, a bigint) in code and in the database. Never a binary float.
 */
export type Money = string;
export type MinorUnits = bigint;

const MONEY_TEXT = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/** An amount as a client gives it: up to 13 digits and 2 decimals, not negative; read as `"x.yy"`. */
export const moneySchema = z
  .string()
  .trim()
  .regex(MONEY_TEXT, 'a decimal amount with at most two places, e.g. "1234.50"')
  .transform((text) => fromMinor(toMinor(text)));

/** An amount greater than zero. */
export const positiveMoneySchema = moneySchema.refine(
  (text) => toMinor(text) > 0n,
  'must be greater than zero',
);

/** `"1234.5"` → `123450n`. Throws on anything but a plain decimal with at most two places. */
export function toMinor(text: Money): MinorUnits {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not an amount of money: ${text}`);
  const [, sign, units, cents = ''] = match;
  const minor = BigInt(units as string) * 100n + BigInt(cents.padEnd(2, '0'));
  return sign ? -minor : minor;
}

/** `123450n` → `"1234.50"`. */
export function fromMinor(minor: MinorUnits): Money {
  const negative = minor < 0n;
  const magnitude = negative ? -minor : minor;
  const cents = (magnitude % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${magnitude / 100n}.${cents}`;
}

/** The exact sum of amounts. */
export function sumMinor(amounts: readonly MinorUnits[]): MinorUnits {
  return amounts.reduce((sum, amount) => sum + amount, 0n);
}

/** A unit price times a whole quantity, exactly. */
export function timesQuantity(unit: MinorUnits, quantity: number): MinorUnits {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`not a whole quantity: ${quantity}`);
  return unit * BigInt(quantity);
}

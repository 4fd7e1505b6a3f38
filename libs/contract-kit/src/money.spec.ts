import {
  fromMinor,
  moneySchema,
  positiveMoneySchema,
  sumMinor,
  timesQuantity,
  toMinor,
} from './money';

describe('money', () => {
  it('reads decimal strings into minor units and writes them back with two places', () => {
    expect(toMinor('1234.50')).toBe(123450n);
    expect(toMinor('1234.5')).toBe(123450n);
    expect(toMinor('0.01')).toBe(1n);
    expect(toMinor('7')).toBe(700n);
    expect(toMinor('-3.05')).toBe(-305n);
    expect(fromMinor(123450n)).toBe('1234.50');
    expect(fromMinor(5n)).toBe('0.05');
    expect(fromMinor(0n)).toBe('0.00');
    expect(fromMinor(-305n)).toBe('-3.05');
    expect(fromMinor(999999999999999n)).toBe('9999999999999.99');
  });

  it('accepts amounts with at most two places and answers them canonical', () => {
    expect(moneySchema.parse('1999')).toBe('1999.00');
    expect(moneySchema.parse(' 0.5 ')).toBe('0.50');
    for (const bad of ['1.234', '-1.00', '1e3', '01.00', '', 'abc', '1,000.00', '12345678901234']) {
      expect(moneySchema.safeParse(bad).success).toBe(false);
    }
    expect(moneySchema.safeParse(19.99).success).toBe(false);
    expect(positiveMoneySchema.safeParse('0.00').success).toBe(false);
    expect(positiveMoneySchema.parse('0.01')).toBe('0.01');
  });

  it('sums exactly where binary floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(fromMinor(sumMinor([toMinor('0.10'), toMinor('0.20')]))).toBe('0.30');
    expect(fromMinor(timesQuantity(toMinor('19.99'), 3))).toBe('59.97');
  });

  it('sums many lines exactly (property: the total of n × price equals the sum of the lines)', () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 200; round += 1) {
      const lines = Array.from({ length: 1 + (next() % 50) }, () => ({
        cents: BigInt(next() % 10_000_000),
        quantity: 1 + (next() % 1000),
      }));
      const total = sumMinor(lines.map((line) => timesQuantity(line.cents, line.quantity)));
      const text = fromMinor(total);
      expect(toMinor(text)).toBe(total);
      const [units, cents] = text.split('.') as [string, string];
      const expectedCents = lines.reduce(
        (sum, line) => sum + Number(line.cents) * line.quantity,
        0,
      );
      // Below 2^53 the integer sum in cents is exact in a double too: the strings must agree.
      expect(BigInt(units) * 100n + BigInt(cents)).toBe(BigInt(expectedCents));
    }
  });

  it('refuses a fractional quantity', () => {
    expect(() => timesQuantity(100n, 1.5)).toThrow(RangeError);
  });
});

import { isMaskedContact, MASKS } from './masks';

describe('contact masks (security.md)', () => {
  it.each([
    ['phone', '13812345678', '138****5678'],
    ['phone', '+86 138-1234-5678', '138****5678'],
    ['phone', '+8613812345678', '138****5678'],
    ['phone', '+14155552671', '141****2671'],
    ['email', 'zhang@example.com', 'z***@example.com'],
    ['wechat', 'wxid_w12349', 'w***9'],
    ['address', 'Hangzhou, Xihu District, 18 Wensan Road', 'Hangzhou'],
    ['birthday', '1990-05-17', '05'],
  ] as const)('%s %s → %s', (kind, value, expected) => {
    expect(MASKS[kind](value)).toBe(expected);
  });

  it.each([
    ['phone', ['13812345678', '+86 138-1234-5678', '+8613812345678', '+14155552671', '12345']],
    ['email', ['zhang@example.com', 'no-at-sign', '@example.com']],
    ['wechat', ['wxid_w12349', 'w', '']],
    ['address', ['Hangzhou, Xihu District, 18 Wensan Road', 'Hangzhou', '']],
    ['birthday', ['1990-05-17', 'unknown']],
  ] as const)(
    '%s: a masked value masks to itself, so it is told from a clear one',
    (kind, values) => {
      for (const value of values) {
        const masked = MASKS[kind](value);
        expect(MASKS[kind](masked)).toBe(masked);
        expect(isMaskedContact(kind, masked)).toBe(true);
      }
    },
  );

  it('tells clear values apart', () => {
    expect(isMaskedContact('phone', '13812345678')).toBe(false);
    expect(isMaskedContact('phone', '+8613812345678')).toBe(false);
    expect(isMaskedContact('email', 'zhang@example.com')).toBe(false);
    expect(isMaskedContact('wechat', 'wxid_w12349')).toBe(false);
    expect(isMaskedContact('birthday', '1990-05-17')).toBe(false);
  });
});

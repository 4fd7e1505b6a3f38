import { MASKS } from './masks';

describe('contact masks (security.md)', () => {
  it.each([
    ['phone', '13812345678', '138****5678'],
    ['phone', '+86 138-1234-5678', '861****5678'],
    ['email', 'zhang@example.com', 'z***@example.com'],
    ['wechat', 'wxid_w12349', 'w***9'],
    ['address', 'Hangzhou, Xihu District, 18 Wensan Road', 'Hangzhou'],
    ['birthday', '1990-05-17', '05'],
  ] as const)('%s %s → %s', (kind, value, expected) => {
    expect(MASKS[kind](value)).toBe(expected);
  });
});

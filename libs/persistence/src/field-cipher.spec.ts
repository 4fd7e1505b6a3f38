import { randomBytes } from 'node:crypto';

import { FieldCipher } from './field-cipher';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const index = randomBytes(32);

describe('FieldCipher', () => {
  const sut = new FieldCipher(new Map([['a', keyA]]), 'a', index);

  it('seals and opens a value, differently each time', () => {
    const first = sut.encrypt('13812345678');
    const second = sut.encrypt('13812345678');
    expect(first).not.toContain('13812345678');
    expect(first).not.toBe(second);
    expect(sut.decrypt(first)).toBe('13812345678');
  });

  it('refuses a tampered value', () => {
    const sealed = sut.encrypt('13812345678');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => sut.decrypt(parts.join('.'))).toThrow();
    expect(() => sut.decrypt(sealed.replace('v1.a.', 'v1.b.'))).toThrow();
  });

  it('reads old values after a rotation and says which need re-encrypting', () => {
    const old = sut.encrypt('z@example.com');
    const rotated = new FieldCipher(
      new Map([
        ['a', keyA],
        ['b', keyB],
      ]),
      'b',
      index,
    );
    expect(rotated.decrypt(old)).toBe('z@example.com');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('z@example.com'))).toBe(false);
    expect(rotated.needsRotation('plain text from before encryption')).toBe(true);
  });

  it('gives equal values the same blind index, and only with the key', () => {
    expect(sut.blindIndex('13812345678')).toBe(sut.blindIndex('13812345678'));
    expect(sut.blindIndex('13812345678')).not.toBe(sut.blindIndex('13812345679'));
    const otherIndex = new FieldCipher(new Map([['a', keyA]]), 'a', randomBytes(32));
    expect(otherIndex.blindIndex('13812345678')).not.toBe(sut.blindIndex('13812345678'));
  });
});

import { createCipheriv, randomBytes } from 'node:crypto';

import { FieldCipher, type SealedFieldPlace } from './field-cipher';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const index = randomBytes(32);
const phoneOf = (rowId: string): SealedFieldPlace => ({ table: 'member', field: 'phone', rowId });
const here = phoneOf('row-1');

/** A value as the first format sealed it: bound to its key id only. */
function sealedUnbound(plain: string, keyId: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyId));
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url')]
    .concat(sealed.toString('base64url'))
    .join('.');
}

describe('FieldCipher', () => {
  const sut = new FieldCipher(new Map([['a', keyA]]), 'a', index);

  it('seals and opens a value, differently each time', () => {
    const first = sut.encrypt('13812345678', here);
    const second = sut.encrypt('13812345678', here);
    expect(first).not.toContain('13812345678');
    expect(first).not.toBe(second);
    expect(sut.decrypt(first, here)).toBe('13812345678');
  });

  it('refuses a tampered value', () => {
    const sealed = sut.encrypt('13812345678', here);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => sut.decrypt(parts.join('.'), here)).toThrow();
    expect(() => sut.decrypt(sealed.replace('v2.a.', 'v2.b.'), here)).toThrow();
  });

  it('does not open a value copied to another row, field or table', () => {
    const sealed = sut.encrypt('13812345678', here);
    expect(() => sut.decrypt(sealed, phoneOf('row-2'))).toThrow();
    expect(() => sut.decrypt(sealed, { ...here, field: 'email' })).toThrow();
    expect(() => sut.decrypt(sealed, { ...here, table: 'application' })).toThrow();
  });

  it('refuses a shortened authentication tag', () => {
    const parts = sut.encrypt('13812345678', here).split('.');
    parts[3] = Buffer.from(parts[3] as string, 'base64url')
      .subarray(0, 4)
      .toString('base64url');
    expect(() => sut.decrypt(parts.join('.'), here)).toThrow('not a value this cipher can open');
  });

  it('reads values sealed before they were bound, and says they need re-encrypting', () => {
    const old = sealedUnbound('13812345678', 'a', keyA);
    expect(sut.decrypt(old, here)).toBe('13812345678');
    expect(sut.needsRotation(old)).toBe(true);
    expect(sut.needsRotation(sut.encrypt('13812345678', here))).toBe(false);
  });

  it('reads old values after a rotation and says which need re-encrypting', () => {
    const old = sut.encrypt('z@example.com', here);
    const rotated = new FieldCipher(
      new Map([
        ['a', keyA],
        ['b', keyB],
      ]),
      'b',
      index,
    );
    expect(rotated.decrypt(old, here)).toBe('z@example.com');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('z@example.com', here))).toBe(false);
    expect(rotated.needsRotation('plain text from before encryption')).toBe(true);
  });

  it('gives equal values the same blind index, and only with the key', () => {
    expect(sut.blindIndex('13812345678')).toBe(sut.blindIndex('13812345678'));
    expect(sut.blindIndex('13812345678')).not.toBe(sut.blindIndex('13812345679'));
    const otherIndex = new FieldCipher(new Map([['a', keyA]]), 'a', randomBytes(32));
    expect(otherIndex.blindIndex('13812345678')).not.toBe(sut.blindIndex('13812345678'));
  });
});

import { base32Decode, base32Encode } from './base32';
import { matchTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp';

// RFC 6238 appendix B, SHA-1, the ASCII secret "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('at %i s the 8-digit code is %s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, totpStep(seconds * 1000), 8)).toBe(code);
  });

  it('encodes base32 as RFC 4648 does and reads it back', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('matches the code of now and of one step either side, nothing further', () => {
    const secret = newTotpSecret();
    const at = 1_800_000_000_000;
    const step = totpStep(at);
    expect(matchTotp(secret, totpCode(secret, step), at)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, step - 1), at)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, step + 1), at)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, step - 2), at)).toBeNull();
    expect(matchTotp(secret, 'abcdef', at)).toBeNull();
  });

  it('gives each user a fresh 160-bit secret', () => {
    const secret = newTotpSecret();
    expect(base32Decode(secret)).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('builds the otpauth URI that authenticator apps scan', () => {
    expect(otpauthUri('ABC', 'admin', 'SalesOps')).toBe(
      'otpauth://totp/SalesOps%3Aadmin?secret=ABC&issuer=SalesOps&algorithm=SHA1&digits=6&period=30',
    );
  });
});

import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `TC-` and 20 Crockford base32 characters: 100 random bits, not to be guessed or counted. */
export function newCertificateNumber(): string {
  const bytes = randomBytes(20);
  let digits = '';
  for (const byte of bytes) digits += CROCKFORD[byte & 31];
  return `TC-${digits}`;
}

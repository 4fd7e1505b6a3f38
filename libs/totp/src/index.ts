export * from './base32';
export * from './totp';

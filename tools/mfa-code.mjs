#!/usr/bin/env node
// Prints the current one-time code of an authenticator secret, for trying MFA without a phone.
//   npm run mfa:code               the demo users' secret (admin, director, hr, finance)
//   npm run mfa:code -- <base32>   any secret, e.g. one from POST /api/v1/auth/mfa/setup
// Needs `npm run build` first (it reads libs/totp/dist).
import { totpCode } from '@salesops/totp';

const DEMO_MFA_SECRET = 'ONQWYZLTN5YHGLLEMVWW6LLNMZQS2MRQ';

console.log(totpCode(process.argv[2] ?? DEMO_MFA_SECRET));

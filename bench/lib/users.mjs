// The phases' callers: users written straight into the gateway's table (argon2id), then signed in
// through the API, with a second factor when their roles need one.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { totpCode } from '@salesops/totp';

import { ROOT } from '../../tools/prisma/engine.mjs';
import { api } from './gateway-api.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const { hash } = require('@node-rs/argon2');

/** A user with `roles` (and the member and team it is), signed in: its access token. */
export async function benchUser({ base, sql }, roles, memberId = null, teamId = null) {
  const username = `bench.${roles[0]}.${randomUUID().slice(0, 8)}`;
  const password = randomBytes(12).toString('hex');
  const passwordHash = await hash(password, {
    algorithm: 2,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });
  await sql(
    `INSERT INTO gateway."user" (id, username, "passwordHash", roles, "memberId", "teamId", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, now())`,
    [username, passwordHash, roles, memberId, teamId],
  );
  return signIn(base, username, password);
}

/** Signs in, enrolling an authenticator on the way when the user needs a second factor. */
async function signIn(base, username, password) {
  const login = await api(base, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (!login.mfaToken) return login.accessToken;
  const { mfaToken } = login;
  const { secret } = await api(base, 'POST', '/api/v1/auth/mfa/enrolment', { body: { mfaToken } });
  const { accessToken } = await api(base, 'POST', '/api/v1/auth/mfa', {
    body: { mfaToken, code: totpCode(secret) },
  });
  return accessToken;
}

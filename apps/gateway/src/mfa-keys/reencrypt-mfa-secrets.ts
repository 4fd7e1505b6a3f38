import { createPrismaAdapter, secretKeysEnvSchema } from '@salesops/persistence';
import { loadConfig, loadConfigOrExit } from '@salesops/service-runtime';

import { mfaSecretPlace } from '../auth/mfa-secret-place';
import { PrismaClient } from '../generated/prisma/client';

const SECRETS = ['mfaSecret', 'mfaPendingSecret'] as const;

/**
 * `node apps/gateway/dist/mfa-keys/reencrypt-mfa-secrets.js`: seals every user's MFA secret (and
 * pending secret) with the active key (MFA_ACTIVE_KEY), reading old values with any key of
 * MFA_KEYS. Run it after making a new key active; the gateway keeps serving meanwhile, since it
 * reads both. A secret changed meanwhile (a user enrolling again) is left as that change wrote it.
 */
async function reencrypt(): Promise<void> {
  const cipher = loadConfigOrExit('gateway', () => loadConfig(secretKeysEnvSchema('MFA')));
  const databaseUrl =
    process.env['GATEWAY_DATABASE_URL'] ??
    'postgresql://postgres@127.0.0.1:5432/salesops?schema=gateway';
  const prisma = new PrismaClient({ adapter: createPrismaAdapter(databaseUrl, 2) });
  let changed = 0;
  try {
    const users = await prisma.user.findMany({
      where: { OR: SECRETS.map((field) => ({ [field]: { not: null } })) },
      select: { id: true, mfaSecret: true, mfaPendingSecret: true },
    });
    for (const user of users) {
      for (const field of SECRETS) {
        const sealed = user[field];
        if (sealed === null || !cipher.needsRotation(sealed)) continue;
        const place = mfaSecretPlace(user.id);
        const secret = cipher.isSealed(sealed) ? cipher.decrypt(sealed, place) : sealed;
        const { count } = await prisma.user.updateMany({
          where: { id: user.id, [field]: sealed },
          data: { [field]: cipher.encrypt(secret, place) },
        });
        changed += count;
      }
    }
    process.stdout.write(`re-encrypted ${changed} MFA secrets\n`);
  } finally {
    await prisma.$disconnect();
  }
}

void reencrypt();

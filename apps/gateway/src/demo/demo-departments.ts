import { createHash } from 'node:crypto';

import type { FieldCipher } from '@salesops/persistence';

import { hashToken } from '../auth/sessions.service';
import { webhookSecretPlace } from '../department-events/webhook-secret-place';
import type { PrismaClient } from '../generated/prisma/client';

const digest = (label: string, password: string) =>
  createHash('sha256').update(`salesops demo ${label} ${password}`).digest('base64url');

/** The demo dashboard's key (`events:subscribe` and reads), derived from the demo password. */
export const DEMO_STREAM_KEY_ID = 'd3e0a5b1-7c2e-4f6a-9b8d-1e2f3a4b5c6d';
const DEMO_STREAM_KEY_PREFIX = 'demostream01';
export const demoStreamKeyOf = (password: string) =>
  `sk_${DEMO_STREAM_KEY_PREFIX}_${digest('stream key', password)}`;

/** The demo HR receiver's webhook, owned by `hr`, and its signing secret. */
export const DEMO_HR_WEBHOOK_ID = '5f4e3d2c-1b0a-4987-a654-3210fedcba98';
export const demoHrSecretOf = (password: string) => `whsec_${digest('hr webhook', password)}`;
export const demoHrReceiverUrl = (port: number) => `http://127.0.0.1:${port}/hr/events`;

/**
 * A key for a management dashboard on the event stream, and HR's webhook to the demo receiver
 * (`tools/demo/hr-receiver.mjs`, started by `npm start`): both written as they would be through
 * the API, with fixed ids, so loading again changes nothing.
 */
export async function seedDemoDepartments(
  prisma: PrismaClient,
  cipher: FieldCipher,
  password: string,
  receiverPort: number,
): Promise<{ streamKey: string; hrWebhookUrl: string }> {
  const admin = await prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const hr = await prisma.user.findUniqueOrThrow({ where: { username: 'hr' } });
  const streamKey = demoStreamKeyOf(password);
  // The secret is base64url, which may hold '_' itself.
  const secret = digest('stream key', password);
  await prisma.apiKey.upsert({
    where: { id: DEMO_STREAM_KEY_ID },
    create: {
      id: DEMO_STREAM_KEY_ID,
      name: 'Management dashboard (demo)',
      prefix: DEMO_STREAM_KEY_PREFIX,
      secretHash: hashToken(secret),
      scopes: ['events:subscribe', 'members:read', 'orders:read', 'performance:read'],
      teamId: null,
      createdBy: admin.id,
    },
    update: { secretHash: hashToken(secret), revokedAt: null },
  });
  const hrWebhookUrl = demoHrReceiverUrl(receiverPort);
  const sealed = cipher.encrypt(demoHrSecretOf(password), webhookSecretPlace(DEMO_HR_WEBHOOK_ID));
  await prisma.webhookSubscription.upsert({
    where: { id: DEMO_HR_WEBHOOK_ID },
    create: {
      id: DEMO_HR_WEBHOOK_ID,
      ownerKind: 'user',
      ownerId: hr.id,
      url: hrWebhookUrl,
      types: ['members.*', 'training.*', 'performance.*'],
      secretSealed: sealed,
    },
    update: { ownerId: hr.id, url: hrWebhookUrl, secretSealed: sealed, deletedAt: null },
  });
  return { streamKey, hrWebhookUrl };
}

/**
 * Whether the demo's last step is done: the company was loaded in full before, possibly longer
 * ago than its writes' idempotency keys are kept (a load then would create it twice).
 */
export async function demoLoaded(prisma: PrismaClient): Promise<boolean> {
  const [key, webhook] = await Promise.all([
    prisma.apiKey.findUnique({ where: { id: DEMO_STREAM_KEY_ID } }),
    prisma.webhookSubscription.findUnique({ where: { id: DEMO_HR_WEBHOOK_ID } }),
  ]);
  return key !== null && webhook !== null;
}

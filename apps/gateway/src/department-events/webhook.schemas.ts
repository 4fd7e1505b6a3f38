import { z } from 'zod';

const typePattern = z
  .string()
  .regex(/^(\*|[a-z]+(\.[a-z_]+){0,2}(\.\*)?)$/, 'an event type, or a pattern such as orders.*');

export const createWebhookSchema = z
  .object({
    url: z.url().max(2000),
    types: z.array(typePattern).min(1).max(50),
    description: z.string().trim().max(200).optional(),
  })
  .strict();

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  types: z.array(z.string()),
  /** `active`, or `failing` after 24 hours of failed attempts (its owner enables it again). */
  status: z.enum(['active', 'failing']),
  failingSince: z.iso.datetime().nullable(),
  ownerKind: z.enum(['user', 'api_key']),
  ownerId: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type WebhookView = z.infer<typeof webhookSchema>;

/** The one answer that carries the signing secret. */
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string() });

export const webhookAttemptSchema = z.object({
  at: z.iso.datetime(),
  /** The receiver's status, null when it did not answer (or was refused before sending). */
  status: z.number().int().nullable(),
  latencyMs: z.number().int(),
  /** The first bytes of the answer. */
  response: z.string(),
  error: z.string().nullable(),
});

export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered']),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  attemptLog: z.array(webhookAttemptSchema),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliverySchema>;

export const deliveriesQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(100) })
  .strict();

export const deliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() }).strict();

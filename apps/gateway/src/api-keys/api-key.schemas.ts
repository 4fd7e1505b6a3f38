import { z } from 'zod';

import { permissionSchema } from '@salesops/policy';

/** What a key may be given: reading and subscribing (webhooks too), never administration. */
export const API_KEY_SCOPES = [
  'teams:read',
  'members:read',
  'customers:read',
  'orders:read',
  'performance:read',
  'events:subscribe',
  'webhooks:manage',
] as const satisfies readonly z.infer<typeof permissionSchema>[];

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1),
    teamId: z.uuid().nullable().default(null),
  })
  .strict();

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(permissionSchema),
  teamId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeySchema>;

/** The one answer that carries the key itself. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });

import { z } from 'zod';

import { permissionSchema, roleSchema } from '@salesops/policy';
import { resolvedScopeSchema } from '@salesops/rpc';

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(1024),
  })
  .strict();

export const refreshRequestSchema = z
  .object({ refreshToken: z.string().min(20).max(200) })
  .strict();

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
  tokenType: z.literal('Bearer'),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const meSchema = z.object({
  userId: z.string(),
  memberId: z.string().nullable(),
  teamId: z.string().nullable(),
  roles: z.array(roleSchema),
  permissions: z.array(permissionSchema),
  scope: resolvedScopeSchema,
});

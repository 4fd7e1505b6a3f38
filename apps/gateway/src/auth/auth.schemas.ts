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

export const loginResultSchema = z.union([
  tokenPairSchema,
  z.object({ mfaRequired: z.literal(true), mfaToken: z.string() }),
  z.object({ mfaEnrolmentRequired: z.literal(true), mfaToken: z.string() }),
]);
export type LoginResult = z.infer<typeof loginResultSchema>;

const mfaCodeSchema = z.string().regex(/^\d{6}$/, 'must be the 6-digit code');

export const mfaRequestSchema = z
  .object({ mfaToken: z.string().min(20).max(2000), code: mfaCodeSchema })
  .strict();

export const mfaTokenRequestSchema = z.object({ mfaToken: z.string().min(20).max(2000) }).strict();

export const mfaCodeRequestSchema = z.object({ code: mfaCodeSchema }).strict();

/** Setting up another device once a second factor is on needs both (see AuthService). */
export const mfaSetupRequestSchema = z
  .object({ password: z.string().min(1).max(1024).optional(), code: mfaCodeSchema.optional() })
  .strict();

export const mfaEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string() });

export const meSchema = z.object({
  userId: z.string(),
  memberId: z.string().nullable(),
  teamId: z.string().nullable(),
  roles: z.array(roleSchema),
  permissions: z.array(permissionSchema),
  scope: resolvedScopeSchema,
});

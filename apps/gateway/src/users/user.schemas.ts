import { z } from 'zod';

import { GRANTED_ROLES, roleSchema } from '@salesops/policy';
import { pageQuerySchema } from '@salesops/rpc';

export const USER_STATUSES = ['pending', 'active', 'suspended', 'disabled'] as const;

export const createUserSchema = z
  .object({
    memberId: z.uuid(),
    username: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9._-]{2,63}$/,
        '3–64 lowercase letters, digits, dots, dashes or underscores',
      ),
  })
  .strict();

/** The roles granted beyond the position's; the list replaces the one before. */
export const updateUserSchema = z
  .object({ grants: z.array(z.enum(GRANTED_ROLES)).max(4) })
  .strict();

export const listUsersQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    memberId: z.uuid().optional(),
    username: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

export const activateRequestSchema = z
  .object({
    activationToken: z.string().min(20).max(200),
    password: z.string().min(1).max(1024),
  })
  .strict();

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  memberId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  roles: z.array(roleSchema),
  grants: z.array(roleSchema),
  /** `pending` until the owner sets a password with the activation token. */
  status: z.enum(USER_STATUSES),
  mfaEnabled: z.boolean(),
  activationExpiresAt: z.iso.datetime().nullable(),
  lockedUntil: z.iso.datetime().nullable(),
  disabledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof userSchema>;

/** The answers that carry the activation token: shown once, for the account's owner. */
export const userWithTokenSchema = userSchema.extend({ activationToken: z.string() });
export type UserWithToken = z.infer<typeof userWithTokenSchema>;

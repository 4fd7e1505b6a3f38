import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';

import { z } from 'zod';

import { roleSchema } from '@salesops/policy';
import type { Caller } from '@salesops/rpc';

import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';

export const TOKEN_ALGORITHM = 'HS256';

export const accessTokenClaimsSchema = z.object({
  sub: z.string(),
  mid: z.string().nullable(),
  tid: z.string().nullable(),
  roles: z.array(roleSchema),
  /** The session the token belongs to; it must still be open. */
  sid: z.uuid(),
  exp: z.number().int(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

/**
 * Signs and describes access tokens. The secret is a KeyObject: with a string, jsonwebtoken first
 * tries it as a public key on every verification, which costs ~25× more.
 */
@Injectable()
export class TokenService {
  readonly key: KeyObject;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  issueAccessToken(caller: Caller, sessionId: string): { accessToken: string; expiresIn: number } {
    const claims: Omit<AccessTokenClaims, 'exp'> = {
      sid: sessionId,
      sub: caller.id,
      mid: caller.memberId,
      tid: caller.teamId,
      roles: caller.roles,
    };
    const accessToken = jwt.sign(claims, this.key, {
      algorithm: TOKEN_ALGORITHM,
      expiresIn: this.config.jwt.accessTtlSeconds,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
    });
    return { accessToken, expiresIn: this.config.jwt.accessTtlSeconds };
  }
}

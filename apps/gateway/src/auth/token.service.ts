import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';

import { z } from 'zod';

import { roleSchema } from '@salesops/policy';
import { type Caller, DomainError } from '@salesops/rpc';

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

const MFA_TOKEN_TTL_SECONDS = 300;
export const mfaPurposeSchema = z.enum(['verify', 'enrol']);
export type MfaPurpose = z.infer<typeof mfaPurposeSchema>;
const mfaTokenClaimsSchema = z.object({ sub: z.uuid(), purpose: mfaPurposeSchema });

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

  /**
   * Proof that the password was right, for the second step only: its audience is not the API's,
   * so it never passes as an access token.
   */
  issueMfaToken(userId: string, purpose: MfaPurpose): string {
    return jwt.sign({ purpose }, this.key, {
      algorithm: TOKEN_ALGORITHM,
      subject: userId,
      expiresIn: MFA_TOKEN_TTL_SECONDS,
      issuer: this.config.jwt.issuer,
      audience: this.mfaAudience,
    });
  }

  verifyMfaToken(token: string): z.infer<typeof mfaTokenClaimsSchema> {
    try {
      const claims = jwt.verify(token, this.key, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: this.config.jwt.issuer,
        audience: this.mfaAudience,
      });
      return mfaTokenClaimsSchema.parse(claims);
    } catch {
      throw new DomainError('INVALID_MFA_TOKEN');
    }
  }

  private get mfaAudience(): string {
    return `${this.config.jwt.audience}:mfa`;
  }
}

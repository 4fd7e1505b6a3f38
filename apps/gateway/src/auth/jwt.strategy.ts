import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

import type { FastifyRequest } from 'fastify';

import { DomainError, type IdentityClaims } from '@salesops/rpc';

import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import type { AuthenticatedRequest } from './access.guard';
import { IdentityResolver } from './identity.resolver';
import { SessionsService } from './sessions.service';
import { accessTokenClaimsSchema, TOKEN_ALGORITHM, TokenService } from './token.service';

/** Bearer tokens: one pinned algorithm, our issuer and audience, unexpired. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(TokenService) tokens: TokenService,
    @Inject(IdentityResolver) private readonly identities: IdentityResolver,
    @Inject(SessionsService) private readonly sessions: SessionsService,
  ) {
    super({
      passReqToCallback: true,
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: tokens.key as unknown as string,
      algorithms: [TOKEN_ALGORITHM],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    });
  }

  async validate(request: FastifyRequest, payload: unknown): Promise<IdentityClaims> {
    const parsed = accessTokenClaimsSchema.safeParse(payload);
    if (!parsed.success) throw new DomainError('UNAUTHENTICATED', 'The access token is not ours');
    const claims = parsed.data;
    await this.sessions.assertActive(claims.sid, claims.sub);
    const authenticated = request as AuthenticatedRequest;
    authenticated.sessionId = claims.sid;
    authenticated.tokenExpiresAt = claims.exp;
    return this.identities.resolve(
      {
        kind: 'user',
        id: claims.sub,
        memberId: claims.mid,
        teamId: claims.tid,
        roles: claims.roles,
      },
      request.id,
    );
  }
}

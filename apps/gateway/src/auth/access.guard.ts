import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';

import { Clock } from '@salesops/calendar';
import { DomainError, type IdentityClaims } from '@salesops/rpc';

import { ApiKeysService } from '../api-keys/api-keys.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { routeSpecOf } from '../http/api-route.decorator';
import { RateLimiter } from '../http/rate-limiter';
import { SessionsService } from './sessions.service';
import { VerifiedTokenCache } from './verified-token.cache';

export type AuthenticatedRequest = FastifyRequest & {
  user: IdentityClaims;
  sessionId: string;
  tokenExpiresAt: number;
};

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/;

/**
 * Global: a route is closed unless its @ApiRoute says public. Otherwise the caller needs a valid
 * access token of an open session, and the permission the route names; a route that names none
 * is refused.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly perPrincipal: RateLimiter;

  constructor(
    @Inject(VerifiedTokenCache) private readonly verified: VerifiedTokenCache,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(Clock) clock: Clock,
  ) {
    super();
    this.perPrincipal = new RateLimiter(
      config.rateLimits.perPrincipal,
      config.rateLimits.windowMs,
      () => clock.nowMs(),
    );
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const spec = routeSpecOf(context);
    if (spec?.public) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    await this.authenticate(context, request);
    const wait = this.perPrincipal.take(request.user.caller.id);
    if (wait > 0) throw new DomainError('RATE_LIMITED', undefined, { retryAfterSeconds: wait });
    if (spec?.permission === 'authenticated') return true;
    if (spec?.permission === 'session') {
      if (request.sessionId) return true;
      throw new DomainError('FORBIDDEN', 'Only a signed-in user can do this, not an API key');
    }
    if (!spec?.permission || !request.user.permissions.includes(spec.permission)) {
      throw new DomainError(
        'FORBIDDEN',
        `Requires ${spec?.permission ?? 'a permission this route does not name'}`,
      );
    }
    // A key holds read scopes (security.md: limited to them); a route that only asks a read of
    // members, like asking for one's own leave, still acts, and acts for no member.
    if (!request.sessionId && spec.permission.endsWith(':read') && request.method !== 'GET') {
      throw new DomainError('FORBIDDEN', `${spec.permission} reads; an API key cannot act with it`);
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof DomainError) throw error;
    if (error || !user) {
      throw new DomainError('UNAUTHENTICATED', 'A valid access token is required');
    }
    return user;
  }

  private async authenticate(
    context: ExecutionContext,
    request: AuthenticatedRequest,
  ): Promise<void> {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      request.user = await this.apiKeys.authenticate(apiKey, request.id);
      return;
    }
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const known = token ? this.verified.get(token) : undefined;
    if (known) {
      await this.sessions.assertActive(known.sessionId, known.identity.caller.id);
      request.user = known.identity;
      request.sessionId = known.sessionId;
      return;
    }
    await super.canActivate(context);
    if (token) this.verified.set(token, request.user, request.sessionId, request.tokenExpiresAt);
  }
}

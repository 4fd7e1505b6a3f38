import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';

import { DomainError, type IdentityClaims } from '@salesops/rpc';

import { routeSpecOf } from '../http/api-route.decorator';

/**
 * Global: a route is closed unless its @ApiRoute says public. Otherwise the caller needs a valid
 * access token, and the permission the route names; a route that names none is refused.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const spec = routeSpecOf(context);
    if (spec?.public) return true;
    await super.canActivate(context);
    const identity = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user: IdentityClaims }>().user;
    if (spec?.permission === 'authenticated') return true;
    if (!spec?.permission || !identity.permissions.includes(spec.permission)) {
      throw new DomainError(
        'FORBIDDEN',
        `Requires ${spec?.permission ?? 'a permission this route does not name'}`,
      );
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
}

import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';

import { DomainError } from '@salesops/rpc';

import { IS_PUBLIC } from '../http/api-route.decorator';

/** Global: every route needs a valid access token unless its @ApiRoute says public. */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.get<boolean | undefined>(IS_PUBLIC, context.getHandler());
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user)
      throw new DomainError('UNAUTHENTICATED', 'A valid access token is required');
    return user;
  }
}

import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';

import type { IdentityClaims } from '@salesops/rpc';
import { requestContext } from '@salesops/service-runtime';

/** Gives the handler's log lines the request id and the caller. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: IdentityClaims }>();
    return from(
      requestContext.run({ requestId: request.id, actor: request.user?.caller.id }, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      ),
    );
  }
}

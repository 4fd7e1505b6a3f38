import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import type { CallContext, IdentityClaims } from '@salesops/rpc';

/** The request id and the caller's identity, to hand to a service call. */
export function callContextOf(request: FastifyRequest & { user?: IdentityClaims }): CallContext {
  return { requestId: request.id, ...(request.user ? { identity: request.user } : {}) };
}

export const CallCtx = createParamDecorator(
  (_: unknown, context: ExecutionContext): CallContext =>
    callContextOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

/** Where a request comes from, for sign-ins and the audit trail. */
export interface RequestOrigin {
  requestId: string;
  ip: string;
}

export const Origin = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestOrigin => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return { requestId: request.id, ip: request.ip };
  },
);

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import type { CallContext, IdentityClaims } from '@salesops/rpc';

import { idempotencyKeyOf, ifMatchVersionOf } from './request-headers';

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

/** The `Idempotency-Key` header of a creating POST, or null. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext) =>
  idempotencyKeyOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

/** The version named by `If-Match` (`3`, `"3"` or `W/"3"`), or null when absent. */
export const IfMatchVersion = createParamDecorator((_: unknown, context: ExecutionContext) =>
  ifMatchVersionOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

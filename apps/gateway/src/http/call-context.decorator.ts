import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { type CallContext, childTraceparent, type IdentityClaims } from '@salesops/rpc';

/** The request id, its trace and the caller's identity, to hand to a service call. */
export function callContextOf(request: FastifyRequest & { user?: IdentityClaims }): CallContext {
  return {
    requestId: request.id,
    traceparent: traceparentOf(request),
    ...(request.user ? { identity: request.user } : {}),
  };
}

const TRACEPARENT = Symbol('traceparent');

/**
 * The gateway's span of a request: in the trace of the client's `traceparent` when it sent a
 * valid one, otherwise of a new trace. Answered in the `traceparent` header, logged as `traceId`.
 */
export function traceparentOf(request: FastifyRequest): string {
  const held = request as FastifyRequest & { [TRACEPARENT]?: string };
  if (!held[TRACEPARENT]) {
    const given = request.headers['traceparent'];
    held[TRACEPARENT] = childTraceparent(typeof given === 'string' ? given : undefined);
  }
  return held[TRACEPARENT];
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

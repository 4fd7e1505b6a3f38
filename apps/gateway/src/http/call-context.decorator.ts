import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { type CallContext, DomainError, type IdentityClaims } from '@salesops/rpc';

/** The request id and the caller's identity, to hand to a service call. */
export const CallCtx = createParamDecorator(
  (_: unknown, context: ExecutionContext): CallContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: IdentityClaims }>();
    return { requestId: request.id, ...(request.user ? { identity: request.user } : {}) };
  },
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

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header of a creating POST, or null. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const raw = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !KEY_FORMAT.test(raw)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Idempotency-Key must be 1–200 visible characters',
      undefined,
      [{ path: 'headers.idempotency-key', message: 'invalid' }],
    );
  }
  return raw;
});

/** The version named by `If-Match` (`3`, `"3"` or `W/"3"`), or null when absent. */
export const IfMatchVersion = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const raw = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  if (raw === undefined) return null;
  const match = typeof raw === 'string' ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim()) : null;
  if (!match?.[1]) {
    throw new DomainError('VALIDATION_FAILED', 'If-Match must name a version', undefined, [
      { path: 'headers.if-match', message: 'expected a version number' },
    ]);
  }
  return Number(match[1]);
});

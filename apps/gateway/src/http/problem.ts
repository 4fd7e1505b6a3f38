import { isDatabaseUnavailable } from '@salesops/persistence';
import { DomainError, type RpcErrorShape } from '@salesops/rpc';

import { problemCatalog } from './problem-catalog';

/** An RFC 9457 problem document, as every error of the API is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
  details?: Record<string, unknown>;
  requestId: string;
}

/**
 * The gateway's one mapping from an error to problem+json. Codes and statuses come from the
 * problem catalog, which holds every service's codes, so a code that exists is always mapped; what is not a DomainError is a 500 with no
 * internals.
 */
export function toProblem(error: unknown, requestId: string): Problem {
  const shape: RpcErrorShape =
    error instanceof DomainError ? error.toShape() : fromFrameworkError(error).toShape();
  const entry = problemCatalog[shape.code];
  return {
    type: `https://salesops.dev/problems/${shape.code.toLowerCase().replaceAll('_', '-')}`,
    title: entry.title,
    status: entry.status,
    detail: shape.message,
    code: shape.code,
    ...(shape.errors ? { errors: shape.errors } : {}),
    ...(shape.details ? { details: shape.details } : {}),
    requestId,
  };
}

interface FrameworkError {
  statusCode?: number;
  code?: string;
  cause?: unknown;
  getStatus?: () => number;
}

/**
 * Errors raised by Fastify or Nest before our code runs (body parsing, routing). Nest wraps
 * Fastify's errors in an HttpException whose cause is the original.
 */
function fromFrameworkError(error: unknown): DomainError {
  const wrapper = (error ?? {}) as FrameworkError;
  const original = (wrapper.cause ?? error ?? {}) as FrameworkError;
  const code = original.code;
  const httpStatus = original.statusCode ?? wrapper.statusCode ?? wrapper.getStatus?.();
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || httpStatus === 413) {
    return new DomainError('PAYLOAD_TOO_LARGE');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || httpStatus === 415) {
    return new DomainError('UNSUPPORTED_MEDIA_TYPE');
  }
  if (
    code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error instanceof SyntaxError
  ) {
    return new DomainError('MALFORMED_JSON');
  }
  if (httpStatus === 404) return new DomainError('ROUTE_NOT_FOUND');
  if (httpStatus === 405) return new DomainError('METHOD_NOT_ALLOWED');
  if (httpStatus === 401) return new DomainError('UNAUTHENTICATED');
  if (httpStatus === 403) return new DomainError('FORBIDDEN');
  if (httpStatus === 400) return new DomainError('VALIDATION_FAILED', 'The request is not valid');
  if (isDatabaseUnavailable(error)) {
    return new DomainError('SERVICE_UNAVAILABLE', 'The database is unavailable; try again');
  }
  return new DomainError(
    'INTERNAL',
    'Something went wrong; quote the request id when reporting it',
  );
}

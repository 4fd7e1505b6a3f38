import { defineErrors } from './error-catalog';

/**
 * The codes every service and the gateway may answer with: validation, authentication and
 * authority, concurrency and idempotency, and the platform's own failures. A service's own codes
 * live in its contracts library (`<service>.errors.ts`).
 */
export const sharedErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'The action is not allowed' },
  SELF_DECISION: {
    status: 403,
    title: 'A matter about yourself is decided by someone else',
  },
  ABOVE_OWN_AUTHORITY: {
    status: 403,
    title: 'This position, level or member stands at or above your own authority',
  },
  FIELD_NOT_FILTERABLE: {
    status: 403,
    title: 'You see this field masked or not at all, so you cannot filter or sort by it',
  },
  NOT_FOUND: { status: 404, title: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    status: 409,
    title: 'A request with this idempotency key is still being processed',
  },
  VERSION_MISMATCH: { status: 412, title: 'The resource has changed since the given version' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The body must be application/json' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'The idempotency key was used with a different request',
  },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'A service is unavailable' },
  SERVICE_TIMEOUT: { status: 504, title: 'A service did not answer in time' },
  /** Unlike SERVICE_TIMEOUT, a definite answer: the work was refused or undone, nothing changed. */
  DEADLINE_EXCEEDED: {
    status: 503,
    title: 'The request ran out of time before it could be carried out; nothing changed',
  },
});

declare module './error-catalog' {
  interface ErrorCatalogs {
    shared: typeof sharedErrors;
  }
}

import { defineErrors } from '@salesops/contract-kit';

/** The gateway's own error codes: signing in, sessions, user accounts and webhooks. */
export const gatewayErrors = defineErrors({
  INVALID_CREDENTIALS: { status: 401, title: 'Username or password is wrong' },
  INVALID_REFRESH_TOKEN: { status: 401, title: 'The refresh token is not valid' },
  SESSION_ENDED: { status: 401, title: 'The session has ended; log in again' },
  INVALID_MFA_CODE: { status: 401, title: 'The one-time code is wrong or was already used' },
  INVALID_MFA_TOKEN: { status: 401, title: 'The sign-in step has expired; log in again' },
  INVALID_ACTIVATION_TOKEN: {
    status: 401,
    title: 'The activation token is not valid: it was used, replaced or has expired',
  },
  MFA_REQUIRED: { status: 403, title: 'Your role must sign in with a second factor' },
  ACCOUNT_SUSPENDED: {
    status: 403,
    title: 'The account is suspended; HR can reinstate it',
  },
  USER_NOT_FOUND: { status: 404, title: 'User not found' },
  MFA_NOT_STARTED: { status: 409, title: 'Start multi-factor enrolment first' },
  MFA_ALREADY_ENROLLED: {
    status: 409,
    title: 'A second factor is enrolled already; set up another with the current code and password',
  },
  USERNAME_TAKEN: { status: 409, title: 'The username is already in use' },
  MEMBER_HAS_USER: { status: 409, title: 'The member already has a user' },
  USER_DISABLED: { status: 409, title: 'The user is disabled' },
  WEBHOOK_URL_REFUSED: {
    status: 422,
    title:
      'The webhook URL must be HTTPS and resolve to public addresses only (no loopback, private or link-local)',
  },
  EVENT_TYPES_UNKNOWN: {
    status: 422,
    title:
      'Each event type must name an event of the catalog, or a pattern of a source such as orders.*',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    title: 'Too many failed logins; the account is locked for a while',
  },
});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    gateway: typeof gatewayErrors;
  }
}

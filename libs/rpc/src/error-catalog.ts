/**
 * Every error code that may cross a process boundary, with its HTTP status. A code missing here
 * does not compile, so the gateway can never meet an unmapped one.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  INVALID_CREDENTIALS: { status: 401, title: 'Username or password is wrong' },
  INVALID_REFRESH_TOKEN: { status: 401, title: 'The refresh token is not valid' },
  SESSION_ENDED: { status: 401, title: 'The session has ended; log in again' },
  INVALID_MFA_CODE: { status: 401, title: 'The one-time code is wrong or was already used' },
  INVALID_MFA_TOKEN: { status: 401, title: 'The sign-in step has expired; log in again' },
  INVALID_ACTIVATION_TOKEN: {
    status: 401,
    title: 'The activation token is not valid: it was used, replaced or has expired',
  },
  FORBIDDEN: { status: 403, title: 'The action is not allowed' },
  MFA_REQUIRED: { status: 403, title: 'Your role must sign in with a second factor' },
  ACCOUNT_SUSPENDED: {
    status: 403,
    title: 'The account is suspended; HR can reinstate it',
  },
  CONTACT_CLEAR_FORBIDDEN: {
    status: 403,
    title:
      'Contact data in clear needs the right to read it; ask without clear for the masked form',
  },
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
  TEAM_NOT_FOUND: { status: 404, title: 'Team not found' },
  MEMBER_NOT_FOUND: { status: 404, title: 'Member not found' },
  APPLICATION_NOT_FOUND: { status: 404, title: 'Application not found' },
  RECORD_NOT_FOUND: { status: 404, title: 'Record not found' },
  PROMOTION_NOT_FOUND: { status: 404, title: 'Promotion not found' },
  LEAVE_REQUEST_NOT_FOUND: { status: 404, title: 'Leave request not found' },
  USER_NOT_FOUND: { status: 404, title: 'User not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },
  MFA_NOT_STARTED: { status: 409, title: 'Start multi-factor enrolment first' },
  MFA_ALREADY_ENROLLED: {
    status: 409,
    title: 'A second factor is enrolled already; set up another with the current code and password',
  },
  USERNAME_TAKEN: { status: 409, title: 'The username is already in use' },
  MEMBER_HAS_USER: { status: 409, title: 'The member already has a user' },
  USER_DISABLED: { status: 409, title: 'The user is disabled' },
  MEMBER_NOT_IN_PROBATION: { status: 409, title: 'The member is not in probation' },
  PROBATION_ALREADY_EXTENDED: { status: 409, title: 'A probation can be extended only once' },
  MEMBER_NOT_SUSPENDABLE: {
    status: 409,
    title: 'Only a member in probation or active can be suspended',
  },
  MEMBER_NOT_SUSPENDED: { status: 409, title: 'The member is not suspended' },
  MEMBER_ALREADY_DEPARTED: { status: 409, title: 'The member has already departed' },
  LEAVE_ALREADY_DECIDED: { status: 409, title: 'The leave request is no longer pending' },
  LEAVE_OWN_DECISION: {
    status: 403,
    title: 'Leave is approved by a leader, not the member taking it; a member may only cancel',
  },
  PROMOTION_ALREADY_OPEN: {
    status: 409,
    title: 'The member already has an open promotion application',
  },
  PROMOTION_STEP_NOT_ALLOWED: {
    status: 409,
    title: 'The promotion is not at a stage where this step can be taken',
  },
  PROMOTION_LEVEL_NOT_NEXT: {
    status: 422,
    title: "A promotion is to the next level of the member's ladder; none can be skipped",
  },
  SANCTION_ALREADY_DECIDED: { status: 409, title: 'The sanction has already been decided' },
  SANCTION_SELF_DECISION: {
    status: 403,
    title: 'A sanction is decided by someone other than the one who issued it',
  },
  DISMISSAL_NEEDS_DIRECTOR: { status: 403, title: 'Only a director can approve a dismissal' },
  DEMOTION_BELOW_LADDER: { status: 422, title: 'The member is already at the lowest level' },
  APPLICATION_STEP_NOT_ALLOWED: {
    status: 409,
    title: 'The application is not at a stage where this step can be taken',
  },
  MEMBER_EMPLOYEE_NO_TAKEN: { status: 409, title: 'The employee number is already in use' },
  TEAM_NAME_TAKEN: { status: 409, title: 'A sibling team already has this name' },
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
  TEAM_PARENT_NOT_FOUND: { status: 422, title: 'The parent team does not exist' },
  TEAM_CYCLE: { status: 422, title: 'A team cannot be moved under itself' },
  MEETING_PEOPLE_NOT_ON_TEAM: {
    status: 422,
    title: 'Attendees and action-item owners must be current members of the team',
  },
  MEMBER_TEAM_NOT_FOUND: { status: 422, title: "The member's team does not exist" },
  LEVEL_NOT_ON_TRACK: { status: 422, title: 'The level does not belong to the career track' },
  LEAVE_IN_PAST: {
    status: 422,
    title: 'Leave cannot start before today on the company calendar',
  },
  LEAVE_OVERLAPS: {
    status: 422,
    title: 'The member already has pending or approved leave on some of these days',
  },
  LEAVE_MEMBER_REQUIRED: {
    status: 422,
    title: 'Name the member: the caller is no member to ask leave for',
  },
  PROBATION_END_NOT_LATER: {
    status: 422,
    title: 'An extended probation must end later than it does now',
  },
  HANDOVER_TARGET_INVALID: {
    status: 422,
    title: 'The handover must go to another current member within your reach',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    title: 'Too many failed logins; the account is locked for a while',
  },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  HANDOVER_FAILED: {
    status: 503,
    title: 'The handover could not complete; nothing was handed over and the member stays',
  },
  SERVICE_UNAVAILABLE: { status: 503, title: 'A service is unavailable' },
  SERVICE_TIMEOUT: { status: 504, title: 'A service did not answer in time' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalog, value);
}

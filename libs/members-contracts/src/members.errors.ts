import { defineErrors } from '@salesops/contract-kit';

/** The members service's own error codes (the shared ones are in `@salesops/contract-kit`). */
export const membersErrors = defineErrors({
  TEAM_NOT_FOUND: { status: 404, title: 'Team not found' },
  MEMBER_NOT_FOUND: { status: 404, title: 'Member not found' },
  APPLICATION_NOT_FOUND: { status: 404, title: 'Application not found' },
  RECORD_NOT_FOUND: { status: 404, title: 'Record not found' },
  PROMOTION_NOT_FOUND: { status: 404, title: 'Promotion not found' },
  LEAVE_REQUEST_NOT_FOUND: { status: 404, title: 'Leave request not found' },
  MEETING_NOT_FOUND: { status: 404, title: 'Meeting not found' },
  CONTACT_CLEAR_FORBIDDEN: {
    status: 403,
    title:
      'Contact data in clear needs the right to read it; ask without clear for the masked form',
  },
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
  PROMOTION_LEVEL_SKIPPED: {
    status: 422,
    title: "A promotion may not skip a level: it is to the next level of the member's ladder",
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
  HANDOVER_FAILED: {
    status: 503,
    title: 'The handover could not complete; nothing was handed over and the member stays',
  },
});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    members: typeof membersErrors;
  }
}

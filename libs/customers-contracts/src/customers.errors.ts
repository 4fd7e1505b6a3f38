// Members' catalog declares CONTACT_CLEAR_FORBIDDEN, which customers answer the same way.
import '@salesops/members-contracts';

import { defineErrors } from '@salesops/contract-kit';

/** The customers service's own error codes (the shared ones are in `@salesops/contract-kit`). */
export const customersErrors = defineErrors({
  CUSTOMER_NOT_FOUND: { status: 404, title: 'Customer not found' },
  CUSTOMER_DUPLICATE: {
    status: 409,
    title: "A customer with this phone or WeChat id already exists; the owner's team is named",
  },
  CUSTOMER_STAGE_NOT_ALLOWED: {
    status: 409,
    title: "The customer's stage does not allow this change",
  },
  CUSTOMER_OWNER_INVALID: {
    status: 422,
    title: 'The owner must be a current sales member within your reach',
  },
  CUSTOMER_TEAM_UNKNOWN: { status: 404, title: 'Team not found' },
  CUSTOMER_IMPORT_NOT_FOUND: { status: 404, title: 'Import not found' },
  COMPLAINT_NOT_FOUND: { status: 404, title: 'Complaint not found' },
  COMPLAINT_STATUS_NOT_ALLOWED: {
    status: 409,
    title: "The complaint's status does not allow this step",
  },
  COMPLAINT_NOT_HANDLER: {
    status: 403,
    title:
      'Only the handler, customer service of the team or a leader in reach handles a complaint',
  },
  COMPLAINT_HANDLER_INVALID: {
    status: 422,
    title: "The handler must be a current member of the customer's team",
  },
  COMPLAINT_RESPONSIBLE_INVALID: {
    status: 422,
    title: 'The responsible member must be a member this service knows',
  },
  REVISIT_NOT_FOUND: { status: 404, title: 'Revisit not found' },
  REVISIT_STATUS_NOT_ALLOWED: { status: 409, title: 'The revisit is completed already' },
  POOL_CUSTOMER_NOT_IN_POOL: {
    status: 409,
    title: 'The customer is not in the pool (another claim or assignment took it first)',
  },
  POOL_CUSTOMER_IN_POOL: { status: 409, title: 'The customer is in the pool already' },
  POOL_CLAIM_CAP_REACHED: {
    status: 409,
    title: "You hold as many open customers as the team's pool claim cap allows",
  },
  VISIT_NOT_FOUND: { status: 404, title: 'Visit not found' },
  VISIT_NOT_PLANNED: {
    status: 409,
    title: 'Only a planned visit can be completed or cancelled',
  },
  CARE_REMINDER_NOT_FOUND: { status: 404, title: 'Care reminder not found' },
  CARE_REMINDER_NOT_OPEN: { status: 409, title: 'The care reminder is already done or dismissed' },
  CARE_REMINDER_NOT_OWNER: {
    status: 403,
    title: "Only the customer's owner marks its greeting done or dismissed",
  },
});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    customers: typeof customersErrors;
  }
}

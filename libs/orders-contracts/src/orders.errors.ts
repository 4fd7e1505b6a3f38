import { defineErrors } from '@salesops/contract-kit';

/** The orders service's own error codes (the shared ones are in `@salesops/contract-kit`). */
export const ordersErrors = defineErrors({
  PRODUCT_NOT_FOUND: { status: 404, title: 'Product not found' },
  PRODUCT_SKU_TAKEN: { status: 409, title: 'Another product already has this SKU' },
  PRODUCT_FLOOR_ABOVE_LIST: {
    status: 422,
    title: 'The floor price must not be above the list price',
  },
  CONTRACT_NOT_FOUND: { status: 404, title: 'Contract not found' },
  CONTRACT_STATUS_NOT_ALLOWED: {
    status: 409,
    title: "The contract's status does not allow this action",
  },
  CONTRACT_NOT_APPROVED: {
    status: 409,
    title: 'A contract is signed only once a leader has approved it',
  },
  CONTRACT_SELF_APPROVAL: {
    status: 403,
    title: 'A contract is approved by a leader or above who did not create it',
  },
  ORDER_CONTRACT_INVALID: {
    status: 422,
    title: 'An order may reference only a signed contract of the same customer',
  },
  ORDER_NOT_FOUND: { status: 404, title: 'Order not found' },
  ORDER_CUSTOMER_UNKNOWN: {
    status: 422,
    title: 'The customer does not exist or is not within your reach',
  },
  ORDER_PRODUCT_INVALID: {
    status: 422,
    title: 'Every line needs an active product',
  },
  ORDER_STATUS_NOT_ALLOWED: {
    status: 409,
    title: "The order's status does not allow this action",
  },
  ORDER_PRICE_BELOW_FLOOR: {
    status: 409,
    title:
      "A line is priced below its product's floor: a leader (not the creator) approves the discount first",
  },
  ORDER_NO_DISCOUNT_NEEDED: {
    status: 409,
    title: "No line is priced below its product's floor",
  },
  ORDER_SELF_REVIEW: {
    status: 403,
    title: 'Nobody reviews or approves a discount on an order they created or own',
  },
  ORDER_NOT_PAID: {
    status: 409,
    title: 'An order completes once delivered and paid, or by a leader with a reason',
  },
  ORDER_OVERPAYMENT: {
    status: 422,
    title: "A payment may not take the paid amount above the order's total",
  },
  ORDER_REFUND_EXCEEDS_PAID: { status: 422, title: 'A refund may not exceed what was paid' },
});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    orders: typeof ordersErrors;
  }
}

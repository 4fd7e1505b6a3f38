import { defineErrors } from '@salesops/contract-kit';

/** The orders service's own error codes (the shared ones are in `@salesops/contract-kit`). */
export const ordersErrors = defineErrors({});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    orders: typeof ordersErrors;
  }
}

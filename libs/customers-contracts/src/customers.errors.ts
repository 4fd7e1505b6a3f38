import { defineErrors } from '@salesops/contract-kit';

/** The customers service's own error codes (the shared ones are in `@salesops/contract-kit`). */
export const customersErrors = defineErrors({});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    customers: typeof customersErrors;
  }
}

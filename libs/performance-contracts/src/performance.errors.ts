import { defineErrors } from '@salesops/contract-kit';

/** The performance service's own error codes (the shared ones are in `@salesops/contract-kit`). */
export const performanceErrors = defineErrors({});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    performance: typeof performanceErrors;
  }
}

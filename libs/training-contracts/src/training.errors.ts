import { defineErrors } from '@salesops/contract-kit';

/** The training service's own error codes (the shared ones are in `@salesops/contract-kit`). */
export const trainingErrors = defineErrors({});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    training: typeof trainingErrors;
  }
}

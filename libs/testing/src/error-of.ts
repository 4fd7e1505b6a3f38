import { DomainError } from '@salesops/rpc';

/** The domain error a call fails with; any other outcome fails the test. */
export function errorOf(work: Promise<unknown>): Promise<DomainError> {
  return work.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
      return error;
    },
  );
}

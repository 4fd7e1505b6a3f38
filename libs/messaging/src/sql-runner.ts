import type { SqlRunner } from '@salesops/persistence';

export type { SqlRunner };

/** Runs work in one database transaction. */
export type TransactionRunner<Tx extends SqlRunner> = <T>(
  work: (tx: Tx) => Promise<T>,
) => Promise<T>;

import type { SqlRunner, Work } from '@salesops/persistence';

export type { SqlRunner };

/** Runs work in one database transaction. */
export type TransactionRunner<Tx extends SqlRunner | Work> = <T>(
  work: (tx: Tx) => Promise<T>,
) => Promise<T>;

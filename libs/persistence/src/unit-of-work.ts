import { Inject, Injectable } from '@nestjs/common';

import type { SqlRunner } from './sql-runner';

declare const openTransaction: unique symbol;

/**
 * An open transaction as services see it: a handle they pass on to repositories, which alone turn
 * it into a Prisma transaction client (`PrismaService.within(work)`).
 */
export interface Work {
  readonly [openTransaction]: true;
}

/** What runs interactive transactions: every generated PrismaClient. */
export interface TransactionRunner {
  $transaction<T>(
    work: (tx: never) => Promise<T>,
    options?: { timeout?: number; maxWait?: number },
  ): Promise<T>;
}

export const TRANSACTION_RUNNER = Symbol('TRANSACTION_RUNNER');

/** The raw-SQL client of a unit of work, for the shared plumbing (outbox, idempotency, inbox). */
export function sqlOf(work: Work | SqlRunner): SqlRunner {
  return work as SqlRunner;
}

/** The one transaction runner of a service: what `run` is given commits together or not at all. */
@Injectable()
export class UnitOfWork {
  constructor(@Inject(TRANSACTION_RUNNER) private readonly prisma: TransactionRunner) {}

  /**
   * `timeoutMs`: how long the transaction may stay open (Prisma's default is 5 s), for one that
   * spans calls to other services.
   */
  run<T>(work: (work: Work) => Promise<T>, { timeoutMs }: { timeoutMs?: number } = {}): Promise<T> {
    return timeoutMs === undefined
      ? this.prisma.$transaction((tx: never) => work(tx as Work))
      : this.prisma.$transaction((tx: never) => work(tx as Work), { timeout: timeoutMs });
  }

  /**
   * Runs `step` (one due item, in a unit of work of its own) until it reports there was none left;
   * the number of items done. One transaction per item keeps a failure from undoing the others.
   */
  async eachOnce(step: (work: Work) => Promise<boolean>): Promise<number> {
    let done = 0;
    while (await this.run(step)) done += 1;
    return done;
  }
}

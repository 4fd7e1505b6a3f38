import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { Logger } from 'pino';

import {
  createPool,
  type SqlRunner,
  StatementNames,
  type UnitOfWork,
  type Work,
} from '@salesops/persistence';
import { LOGGER, SERVICE_CONFIG, type ServiceConfig } from '@salesops/service-runtime';

/** How long one statement of a batch may run before PostgreSQL cancels it. */
const STATEMENT_TIMEOUT_MS = 5000;

/** One connection per lane of the facts consumers (two for orders, one each for the others). */
const CONNECTIONS = 4;

/**
 * Transactions straight on a `pg` pool, each statement named, so every connection parses and
 * plans it once: for the facts consumers, whose batches are a few raw statements with parameters
 * of thousands of values, which Prisma's interactive transactions cost ~17 % of the service's
 * time to pass on (profile of perfApply). Their repositories see it as any `Work` (`sqlOf`).
 */
@Injectable()
export class PgUnitOfWork implements Pick<UnitOfWork, 'run'>, OnApplicationShutdown {
  private readonly pool;
  private readonly names = new StatementNames();

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig, @Inject(LOGGER) logger: Logger) {
    this.pool = createPool(config.databaseUrl, CONNECTIONS, (error) =>
      logger.warn({ err: error }, 'facts lost an idle database connection'),
    );
  }

  async run<T>(work: (work: Work) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      // Bounded as Prisma's transactions are (5 s): a batch stuck on a lock gives up and is retried.
      await client.query(`BEGIN; SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      const result = await work(this.runnerOf(client) as unknown as Work);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A connection that cannot roll back is broken: it leaves the pool.
      const rolledBack = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      client.release(!rolledBack);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  private runnerOf(client: PoolClient): SqlRunner {
    const query = (text: string, values: unknown[]) =>
      client.query({ name: this.names.of(text), text, values });
    return {
      $executeRawUnsafe: async (text, ...values) => (await query(text, values)).rowCount ?? 0,
      $queryRawUnsafe: async <R>(text: string, ...values: unknown[]) =>
        (await query(text, values)).rows as R,
    };
  }
}

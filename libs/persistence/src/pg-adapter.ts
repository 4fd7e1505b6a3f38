import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolConfig } from 'pg';

/** Connection settings for a service URL: `?schema=` names the service's PostgreSQL schema. */
export function poolConfigOf(
  databaseUrl: string,
  max: number,
): { pool: PoolConfig; schema: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  return {
    schema,
    pool: {
      connectionString: url.toString(),
      max,
      // pg waits forever for a free connection by default: fail fast and let the caller retry.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      options: `-c search_path="${schema}"`,
    },
  };
}

export function createPrismaAdapter(databaseUrl: string, max: number): PrismaPg {
  const { pool, schema } = poolConfigOf(databaseUrl, max);
  return new PrismaPg(pool, { schema });
}

/**
 * A plain pool on the service's schema, for the outbox relay's claims. An idle connection the
 * server ends (a restart) is reported to `onError` and replaced: without a listener, pg's 'error'
 * event ends the process.
 */
export function createPool(
  databaseUrl: string,
  max: number,
  onError: (error: Error) => void,
): Pool {
  const pool = new Pool(poolConfigOf(databaseUrl, max).pool);
  pool.on('error', onError);
  return pool;
}

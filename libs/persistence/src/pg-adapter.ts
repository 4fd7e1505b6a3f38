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

export interface PrismaAdapterOptions {
  /**
   * Names each distinct statement (up to a bound), so every connection parses and plans it once
   * and then only binds and executes it: worth it for a service whose hot queries are few and
   * heavier to plan than to run.
   */
  preparedStatements?: boolean;
}

/** The most distinct statements one process names; any further ones run unnamed. */
const NAMED_STATEMENTS_LIMIT = 500;

export function createPrismaAdapter(
  databaseUrl: string,
  max: number,
  { preparedStatements = false }: PrismaAdapterOptions = {},
): PrismaPg {
  const { pool, schema } = poolConfigOf(databaseUrl, max);
  if (!preparedStatements) return new PrismaPg(pool, { schema });
  const names = new Map<string, string>();
  return new PrismaPg(pool, {
    schema,
    statementNameGenerator: ({ sql }) => {
      let name = names.get(sql);
      if (name === undefined && names.size < NAMED_STATEMENTS_LIMIT) {
        name = `prisma_${names.size}`;
        names.set(sql, name);
      }
      // pg runs a statement without a name unnamed (parsed each time).
      return name as string;
    },
  });
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

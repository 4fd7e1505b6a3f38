import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolConfig, types as pgTypes } from 'pg';

import { parseTimestamptz, TIMESTAMPTZ_OID } from './timestamptz';

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
  /**
   * Names only the service's own statements (`PrismaService.rows` outside a transaction), run
   * straight on the pool; Prisma's stay unnamed. Implied by `preparedStatements`.
   */
  ownStatements?: boolean;
}

/** The most distinct statements one process names; any further ones run unnamed. */
const NAMED_STATEMENTS_LIMIT = 500;

/** One name per distinct statement text, shared by Prisma's statements and a service's own. */
export class StatementNames {
  private readonly names = new Map<string, string>();

  /** Its name, or undefined once the bound is reached (pg then runs it unnamed). */
  of(sql: string): string | undefined {
    let name = this.names.get(sql);
    if (name === undefined && this.names.size < NAMED_STATEMENTS_LIMIT) {
      name = `prisma_${this.names.size}`;
      this.names.set(sql, name);
    }
    return name;
  }
}

/**
 * int8 as bigint, as Prisma reads it (pg answers a string); timestamptz as pg parses it, by
 * position when in UTC; the other types as pg parses them.
 */
const INT8_OID = 20;
const toBigInt = (value: string) => BigInt(value);
const PREPARED_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
    format === 'binary'
      ? (pgTypes.getTypeParser(oid, format) as (value: string) => unknown)
      : oid === INT8_OID
        ? toBigInt
        : oid === TIMESTAMPTZ_OID
          ? parseTimestamptz
          : (pgTypes.getTypeParser(oid, format) as (value: string) => unknown),
};

/**
 * A service's own statements, named like Prisma's (parsed and planned once per connection), run
 * on the pool Prisma uses, outside any transaction: for a repository's hottest statements, where
 * Prisma's query building and mapping cost more than the statement. Rows come as objects keyed by
 * column, int8 as bigint, timestamptz as Date.
 */
export class PreparedStatements {
  constructor(
    private readonly pool: Pool,
    private readonly names: StatementNames,
  ) {}

  async query<Row>(text: string, values: readonly unknown[]): Promise<Row[]> {
    const result = await this.pool.query({
      name: this.names.of(text),
      text,
      values: values as unknown[],
      types: PREPARED_TYPES,
    });
    return result.rows as Row[];
  }

  /** As `query`, each row an array of its columns in the statement's order (no object per row). */
  async arrays<Row extends readonly unknown[]>(
    text: string,
    values: readonly unknown[],
  ): Promise<Row[]> {
    const result = await this.pool.query({
      name: this.names.of(text),
      text,
      values: values as unknown[],
      types: PREPARED_TYPES,
      rowMode: 'array',
    });
    return result.rows as unknown as Row[];
  }
}

export function createPrismaAdapter(
  databaseUrl: string,
  max: number,
  options: PrismaAdapterOptions = {},
): PrismaPg {
  return createDatabase(databaseUrl, max, options).adapter;
}

/**
 * Prisma's adapter, and with `preparedStatements` or `ownStatements` the pool it runs on (ended
 * with it) and the service's own named statements on that pool.
 */
export function createDatabase(
  databaseUrl: string,
  max: number,
  { preparedStatements = false, ownStatements = false }: PrismaAdapterOptions = {},
): { adapter: PrismaPg; prepared?: PreparedStatements } {
  const { pool: config, schema } = poolConfigOf(databaseUrl, max);
  if (!preparedStatements && !ownStatements) return { adapter: new PrismaPg(config, { schema }) };
  const names = new StatementNames();
  const pool = new Pool(config);
  // As Prisma's own pool: an idle connection the server ends is dropped and replaced (without a
  // listener, pg's 'error' event would end the process before Prisma first connects).
  pool.on('error', () => undefined);
  const adapter = new PrismaPg(pool, {
    schema,
    disposeExternalPool: true,
    // pg runs a statement without a name unnamed (parsed each time).
    ...(preparedStatements
      ? { statementNameGenerator: ({ sql }: { sql: string }) => names.of(sql) as string }
      : {}),
  });
  return { adapter, prepared: new PreparedStatements(pool, names) };
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

import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { PrismaPg } from '@prisma/adapter-pg';

import { Readiness } from '@salesops/service-runtime';

import { createDatabase, type PrismaAdapterOptions, type PreparedStatements } from './pg-adapter';
import type { SqlRunner } from './sql-runner';
import { sqlOf, type Work } from './unit-of-work';

/** Where a service's database is and how many connections it may hold. */
export interface DatabaseSettings {
  databaseUrl: string;
  dbPoolMax: number;
}

export const DATABASE_SETTINGS = Symbol('DATABASE_SETTINGS');

/** What Prisma keeps from a client inside an interactive transaction. */
export type TransactionOf<Client> = Omit<
  Client,
  '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends' | '$use'
>;

/** What the provider itself uses of a generated client. */
export interface PrismaClientLike extends SqlRunner {
  $disconnect(): Promise<void>;
}

export type PrismaClientClass<Client> = new (options: { adapter: PrismaPg }) => Client;

export interface PrismaLifecycle<Client> extends OnApplicationShutdown {
  /** The transaction client of `work`, or the pool's client outside one: for repositories only. */
  within(work?: Work): TransactionOf<Client>;
  /**
   * Rows of one SQL statement: inside `work` through its transaction; outside one, with
   * `preparedStatements`, straight on the pool as a named statement (no Prisma in between; int8 as
   * bigint, timestamptz as Date, as Prisma answers them); otherwise through `$queryRawUnsafe`.
   * For repositories only.
   */
  rows<Row>(sql: string, values: readonly unknown[], work?: Work): Promise<Row[]>;
  /**
   * As `rows`, each row an array of its columns in the statement's order: for a hot statement
   * whose rows are read by position (its column names must be distinct).
   */
  rowArrays<Row extends readonly unknown[]>(
    sql: string,
    values: readonly unknown[],
    work?: Work,
  ): Promise<Row[]>;
}

/**
 * The one Prisma provider of a service, for its generated `PrismaClient`: the pool on the
 * service's schema, a readiness check, and a disconnect after consumers and relays have stopped.
 * A service binds it in one line: `export class PrismaService extends prismaServiceOf(PrismaClient) {}`.
 */
export function prismaServiceOf<Client extends object>(
  Base: PrismaClientClass<Client>,
  options: PrismaAdapterOptions = {},
): new (settings: DatabaseSettings, readiness: Readiness) => Client & PrismaLifecycle<Client> {
  @Injectable()
  class PrismaService
    extends (Base as unknown as PrismaClientClass<PrismaClientLike>)
    implements PrismaLifecycle<Client>
  {
    private readonly prepared: PreparedStatements | undefined;

    constructor(
      @Inject(DATABASE_SETTINGS) settings: DatabaseSettings,
      @Inject(Readiness) readiness: Readiness,
    ) {
      const { adapter, prepared } = createDatabase(
        settings.databaseUrl,
        settings.dbPoolMax,
        options,
      );
      super({ adapter });
      this.prepared = prepared;
      readiness.register('database', async () => {
        await this.$queryRawUnsafe('SELECT 1');
      });
    }

    within(work?: Work): TransactionOf<Client> {
      return (work ?? this) as unknown as TransactionOf<Client>;
    }

    rows<Row>(sql: string, values: readonly unknown[], work?: Work): Promise<Row[]> {
      if (!work && this.prepared) return this.prepared.query<Row>(sql, values);
      return sqlOf(work ?? this).$queryRawUnsafe<Row[]>(sql, ...values);
    }

    async rowArrays<Row extends readonly unknown[]>(
      sql: string,
      values: readonly unknown[],
      work?: Work,
    ): Promise<Row[]> {
      if (!work && this.prepared) return this.prepared.arrays<Row>(sql, values);
      // Prisma keys each row's columns in the statement's order.
      const rows = await sqlOf(work ?? this).$queryRawUnsafe<Record<string, unknown>[]>(
        sql,
        ...values,
      );
      return rows.map((row) => Object.values(row) as unknown as Row);
    }

    /** After consumers and relays have stopped (beforeApplicationShutdown). */
    async onApplicationShutdown(): Promise<void> {
      await this.$disconnect();
    }
  }
  return PrismaService as unknown as new (
    settings: DatabaseSettings,
    readiness: Readiness,
  ) => Client & PrismaLifecycle<Client>;
}

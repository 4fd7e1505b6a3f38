import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { PrismaPg } from '@prisma/adapter-pg';

import { Readiness } from '@salesops/service-runtime';

import { createPrismaAdapter, type PrismaAdapterOptions } from './pg-adapter';
import type { SqlRunner } from './sql-runner';
import type { Work } from './unit-of-work';

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
    constructor(
      @Inject(DATABASE_SETTINGS) settings: DatabaseSettings,
      @Inject(Readiness) readiness: Readiness,
    ) {
      super({ adapter: createPrismaAdapter(settings.databaseUrl, settings.dbPoolMax, options) });
      readiness.register('database', async () => {
        await this.$queryRawUnsafe('SELECT 1');
      });
    }

    within(work?: Work): TransactionOf<Client> {
      return (work ?? this) as unknown as TransactionOf<Client>;
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

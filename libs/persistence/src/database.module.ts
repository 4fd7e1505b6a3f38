import { type DynamicModule, type InjectionToken, Module, type Type } from '@nestjs/common';

import { DATABASE_ERRORS, SERVICE_CONFIG } from '@salesops/service-runtime';

import { domainErrorOfPrisma } from './prisma-errors';
import { DATABASE_SETTINGS, type DatabaseSettings } from './prisma-lifecycle';
import { TRANSACTION_RUNNER, UnitOfWork } from './unit-of-work';

@Module({})
export class PersistenceModule {}

/**
 * A service's database, for every module: its `PrismaService` (see `prismaServiceOf`), the
 * `UnitOfWork` over it, and the Prisma error mapping of its exception filter. The settings are
 * read from the service's configuration (`databaseUrl`, `dbPoolMax`).
 */
export function databaseModuleOf(
  prismaService: Type,
  config: InjectionToken = SERVICE_CONFIG,
): DynamicModule {
  return {
    module: PersistenceModule,
    global: true,
    providers: [
      {
        provide: DATABASE_SETTINGS,
        inject: [config],
        useFactory: ({ databaseUrl, dbPoolMax }: DatabaseSettings): DatabaseSettings => ({
          databaseUrl,
          dbPoolMax,
        }),
      },
      prismaService,
      { provide: TRANSACTION_RUNNER, useExisting: prismaService },
      UnitOfWork,
      { provide: DATABASE_ERRORS, useValue: domainErrorOfPrisma },
    ],
    exports: [prismaService, UnitOfWork, DATABASE_ERRORS],
  };
}

import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';

import { createPrismaAdapter } from '@salesops/persistence';
import { Readiness, SERVICE_CONFIG, type ServiceConfig } from '@salesops/service-runtime';

import { type Prisma, PrismaClient } from '../generated/prisma/client';

export type Tx = Prisma.TransactionClient;

@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super({ adapter: createPrismaAdapter(config.databaseUrl, config.dbPoolMax) });
    readiness.register('database', async () => {
      await this.$queryRawUnsafe('SELECT 1');
    });
  }

  /** After consumers and relays have stopped (beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

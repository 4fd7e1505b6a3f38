import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';

import { createPrismaAdapter } from '@salesops/persistence';
import { Readiness } from '@salesops/service-runtime';

import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { type Prisma, PrismaClient } from '../generated/prisma/client';

export type Tx = Prisma.TransactionClient;

@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
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

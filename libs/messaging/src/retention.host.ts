import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { createPool, poolConfigOf } from '@salesops/persistence';
import {
  LOGGER,
  loadConfig,
  loadConfigOrExit,
  SERVICE_CONFIG,
  type ServiceConfig,
} from '@salesops/service-runtime';

import { pruneRetained, RETAINED_ROWS, type RetainedRows, retentionEnvSchema } from './retention';

/**
 * Prunes the service's idempotency keys, published outbox rows and old inbox rows past their
 * retention (retention.ts), and the service's own RETAINED_ROWS, every RETENTION_SWEEP_MS, one
 * instance at a time.
 */
@Injectable()
export class RetentionHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly settings;
  private readonly pool;
  private readonly schema: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(RETAINED_ROWS) private readonly more: RetainedRows[] = [],
  ) {
    this.settings = loadConfigOrExit(config.service, () => loadConfig(retentionEnvSchema));
    this.schema = poolConfigOf(config.databaseUrl, 1).schema;
    this.pool = createPool(config.databaseUrl, 1, (error) =>
      this.logger.warn({ err: error }, 'the retention sweep lost an idle database connection'),
    );
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.sweep().finally(() => {
        this.timer = setTimeout(tick, this.settings.sweepMs);
      });
    };
    tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
    clearTimeout(this.timer);
    await this.pool.end();
  }

  private async sweep(): Promise<void> {
    try {
      const pruned = await pruneRetained(
        this.pool,
        this.settings.retention,
        this.schema,
        this.more ?? [],
      );
      if (pruned && Object.values(pruned).some((count) => count > 0)) {
        this.logger.info(pruned, 'pruned rows past their retention');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'the retention sweep failed; retrying at the next one');
    }
  }
}

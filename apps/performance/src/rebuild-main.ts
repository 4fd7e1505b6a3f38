import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { connectNats } from '@salesops/rpc';
import {
  coreRuntimeModule,
  createLogger,
  loadConfig,
  loadConfigOrExit,
  Metrics,
  Readiness,
  serviceEnvSchema,
} from '@salesops/service-runtime';

import { Rebuilder } from './rebuild/rebuilder';
import { RebuildModule } from './rebuild/rebuild.module';

/** `npm run performance:rebuild`: rebuilds performance's projections and facts from the streams. */
async function main(): Promise<void> {
  const config = loadConfigOrExit('performance', () => loadConfig(serviceEnvSchema('performance')));
  const logger = createLogger('performance', config.logLevel);
  const nats = await connectNats(config.nats, 'performance-rebuild', 'performance');
  const runtime = {
    config,
    logger,
    nats,
    metrics: new Metrics('performance'),
    readiness: new Readiness(),
  };
  const app = await NestFactory.createApplicationContext(
    { module: class RebuildRoot {}, imports: [coreRuntimeModule(runtime), RebuildModule] },
    { logger: false },
  );
  try {
    const result = await app.get(Rebuilder).rebuild();
    logger.info(result, 'performance rebuilt from the streams');
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await app.close();
    await nats.drain().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`performance:rebuild failed: ${String(error)}\n`);
    process.exit(1);
  },
);

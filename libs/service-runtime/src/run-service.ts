import type { NatsConnection } from '@nats-io/transport-node';
import {
  Controller,
  type DynamicModule,
  Global,
  type INestMicroservice,
  Module,
  type Provider,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';

import {
  connectNats,
  IdentitySigner,
  IdentityVerifier,
  pingContractOf,
  privateKeyFromBase64,
  publicKeyFromBase64,
  RpcClient,
  spans,
} from '@salesops/rpc';

import {
  ConfigError,
  loadConfig,
  type ServiceConfig,
  serviceEnvSchema,
  type ServiceName,
  servicesKeysEnvSchema,
} from './config';
import { DeadlineGuard } from './deadline.guard';
import { IdentityGuard } from './identity.guard';
import { createLogger, NestPinoLogger } from './logger';
import { logNatsRefusals } from './nats-refusals';
import { refuseDevelopmentSecrets } from './production-secrets';
import { Metrics } from './metrics';
import { startOpsHttpServer } from './ops-http-server';
import { Readiness } from './readiness';
import { RpcExceptionFilter } from './rpc-exception.filter';
import { RpcDispatcher, rpcRoutesOf } from './rpc-dispatcher';
import { RpcHandler } from './rpc-handler.decorator';
import { RpcServing } from './rpc-serving';
import { ServiceNatsServer } from './service-nats-server';
import { LOGGER, NATS_CONNECTION, SERVICE_CONFIG } from './tokens';

export interface ServiceRuntime {
  config: ServiceConfig;
  logger: Logger;
  nats: NatsConnection;
  metrics: Metrics;
  readiness: Readiness;
  /**
   * Signs identities on outgoing calls that carry no forwarded one: the gateway's callers, or a
   * service's own background calls.
   */
  signer?: IdentitySigner;
  /** Verifies what a service signed for itself. */
  servicesPublicKey?: string;
}

/** What every process shares: config, logger, NATS, the RPC client, metrics and readiness. */
export function coreRuntimeModule(runtime: ServiceRuntime, extra: Provider[] = []): DynamicModule {
  @Global()
  @Module({})
  class CoreRuntimeModule {}

  const providers: Provider[] = [
    { provide: SERVICE_CONFIG, useValue: runtime.config },
    { provide: LOGGER, useValue: runtime.logger },
    { provide: NATS_CONNECTION, useValue: runtime.nats },
    { provide: Metrics, useValue: runtime.metrics },
    { provide: Readiness, useValue: runtime.readiness },
    { provide: RpcClient, useValue: new RpcClient(runtime.nats, runtime.metrics, runtime.signer) },
    ...extra,
  ];
  return {
    module: CoreRuntimeModule,
    providers,
    exports: providers.map((provider) => ('provide' in provider ? provider.provide : provider)),
  };
}

/** A NATS service's runtime: the core, its ping, its gates and its error mapping. */
function serviceRuntimeModule(runtime: ServiceRuntime): DynamicModule {
  const ping = pingContractOf(runtime.config.service);

  @Controller()
  class PingController {
    @RpcHandler(ping)
    async ping() {
      const report = await runtime.readiness.report();
      return { service: runtime.config.service, ready: report.ready };
    }
  }

  return {
    module: class ServiceRuntimeModule {},
    imports: [coreRuntimeModule(runtime)],
    controllers: [PingController],
    providers: [
      {
        provide: IdentityVerifier,
        useValue: new IdentityVerifier(
          publicKeyFromBase64(runtime.config.identityPublicKey),
          runtime.config.service,
          runtime.servicesPublicKey ? publicKeyFromBase64(runtime.servicesPublicKey) : undefined,
          {
            callKey: runtime.config.identityCallKey,
            clockLeewaySeconds: runtime.config.identityClockLeewaySeconds,
          },
        ),
      },
      DeadlineGuard,
      IdentityGuard,
      RpcExceptionFilter,
    ],
  };
}

/**
 * Validated config, or one line naming what is wrong and exit 1; with NODE_ENV=production, also
 * when a secret is a published development value or a placeholder.
 */
export function loadConfigOrExit<T>(service: string, load: () => T): T {
  refuseDevelopmentSecrets(service);
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(1);
  }
}

/**
 * Starts a NATS service: validated config, ops HTTP port, NATS connection, the Nest application in
 * the service's queue group, and a shutdown that finishes in-flight work before closing.
 */
export async function runService(
  service: ServiceName,
  appModule: (runtime: ServiceRuntime) => Type | DynamicModule,
  {
    background = false,
  }: { /** It calls other services in its own name. */ background?: boolean } = {},
): Promise<void> {
  const config = loadConfigOrExit(service, () => loadConfig(serviceEnvSchema(service)));
  const keys = loadConfigOrExit(service, () => loadConfig(servicesKeysEnvSchema(background)));
  const logger = createLogger(service, config.logLevel);
  spans.start(service);
  const metrics = new Metrics(service);
  const readiness = new Readiness();
  const opsServer = await startOpsHttpServer(config.httpPort, readiness, metrics);
  const nats = await connectNats(config.nats, service, service);
  logNatsRefusals(nats, logger);
  readiness.register('nats', () =>
    nats.isClosed() ? Promise.reject(new Error('closed')) : nats.flush(),
  );
  const runtime: ServiceRuntime = {
    config,
    logger,
    nats,
    metrics,
    readiness,
    servicesPublicKey: keys.publicKey,
    ...(keys.privateKey
      ? { signer: new IdentitySigner(privateKeyFromBase64(keys.privateKey)) }
      : {}),
  };

  const server = new ServiceNatsServer(nats, service, config.shutdownGraceMs, logger);
  const app: INestMicroservice = await NestFactory.createMicroservice(
    { module: class ServiceRoot {}, imports: [serviceRuntimeModule(runtime), appModule(runtime)] },
    { strategy: server, logger: new NestPinoLogger(logger) },
  );
  server.serveWith(
    new RpcDispatcher(
      rpcRoutesOf(app),
      // In this order: a call its caller gave up on is refused before it is verified.
      [app.get(DeadlineGuard, { strict: false }), app.get(IdentityGuard, { strict: false })],
      new RpcServing(metrics, logger),
      app.get(RpcExceptionFilter, { strict: false }),
      logger,
    ),
  );
  await app.listen();
  readiness.markStarted();
  logger.info({ port: config.httpPort }, `${service} is listening on NATS`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${service} is stopping`);
    readiness.stopAccepting();
    await app.close();
    await nats.drain().catch(() => undefined);
    await spans.shutdown().catch(() => undefined);
    opsServer.close();
    logger.info(`${service} stopped`);
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}

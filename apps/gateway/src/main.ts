import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';

import { Clock } from '@salesops/calendar';
import {
  connectNats,
  DomainError,
  type IdentityClaims,
  CallKeys,
  IdentitySigner,
  privateKeyFromBase64,
  spans,
  traceIdOf,
} from '@salesops/rpc';
import {
  coreRuntimeModule,
  createLogger,
  loadConfig,
  loadConfigOrExit,
  logNatsRefusals,
  Metrics,
  NestPinoLogger,
  Readiness,
  type ReadinessReporter,
  startOpsHttpServer,
} from '@salesops/service-runtime';

import { AuditTrail } from './audit/audit-trail';
import {
  IMPORT_BODY_LIMIT_BYTES,
  IMPORT_CONTENT_TYPE,
} from './customers/customer-imports.controller';
import { buildAsyncApiDocument } from './department-events/asyncapi';
import { buildOpenApiDocument } from './docs/openapi';
import { API_PREFIX, UNPREFIXED } from './http/api-paths';
import { GATEWAY_CONFIG, gatewayEnvSchema } from './gateway-config';
import { GatewayAppModule } from './gateway-app.module';
import { SystemReadiness } from './health/system-readiness';
import { isSignInRoute } from './http/api-route.decorator';
import { traceparentOf } from './http/call-context.decorator';
import { RateLimiter } from './http/rate-limiter';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Successful changes through the API go to the audit trail; sign-ins are recorded where they happen. */
function isAuditedChange(method: string, route: string, status: number): boolean {
  return (
    method !== 'GET' &&
    status < 400 &&
    route.startsWith(`/${API_PREFIX}/`) &&
    !route.includes('/auth/')
  );
}

function locationId(location: unknown): string | undefined {
  return typeof location === 'string' ? location.split('/').at(-1) : undefined;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit('gateway', () => loadConfig(gatewayEnvSchema));
  const logger = createLogger('gateway', config.logLevel);
  spans.start('gateway');
  const metrics = new Metrics('gateway');
  const readiness = new Readiness();
  const opsReports = new Map<string, ReadinessReporter>();
  const opsServer = await startOpsHttpServer(config.opsPort, readiness, metrics, opsReports);
  const nats = await connectNats(config.nats, 'gateway', 'gateway');
  logNatsRefusals(nats, logger);
  readiness.register('nats', () =>
    nats.isClosed() ? Promise.reject(new Error('closed')) : nats.flush(),
  );

  const signer = new IdentitySigner(
    privateKeyFromBase64(config.identityPrivateKey),
    config.identityCallSecret ? new CallKeys(config.identityCallSecret) : undefined,
  );

  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: false,
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (none by default).
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: class GatewayRoot {},
      imports: [
        coreRuntimeModule({ config, logger, nats, metrics, readiness, signer }, [
          { provide: GATEWAY_CONFIG, useValue: config },
        ]),
        GatewayAppModule,
      ],
    },
    adapter,
    { logger: new NestPinoLogger(logger) },
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
  const system = app.get(SystemReadiness);
  opsReports.set('/ready/system', () => system.report());
  const fastify = app.getHttpAdapter().getInstance();
  // The root leads a newcomer to the documentation.
  fastify.get('/', (_request, reply) => reply.redirect('/docs', 302));
  // CSV is taken by the customers import only, which alone may be as large as 10 MiB.
  fastify.addContentTypeParser(
    IMPORT_CONTENT_TYPE,
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES },
    (request, body, done) => {
      if (request.routeOptions.url?.endsWith('/customers/import')) done(null, body);
      else done(new DomainError('UNSUPPORTED_MEDIA_TYPE'), undefined);
    },
  );
  const clock = app.get(Clock);
  const { perIp: ipLimit, loginPerIp: loginIpLimit, windowMs } = config.rateLimits;
  const perIp = new RateLimiter(ipLimit, windowMs, () => clock.nowMs());
  const loginPerIp = new RateLimiter(loginIpLimit, windowMs, () => clock.nowMs());
  // Both hooks take `done` rather than being async: no promise per request; a throw reaches
  // Fastify's error path as a rejection did.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    void reply.header('traceparent', traceparentOf(request));
    const limiter = isSignInRoute(request) ? loginPerIp : perIp;
    const wait = limiter.take(request.ip);
    if (wait > 0) throw new DomainError('RATE_LIMITED', undefined, { retryAfterSeconds: wait });
    done();
  });
  const audit = app.get(AuditTrail);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (isAuditedChange(request.method, route, reply.statusCode)) {
      const user = (request as { user?: IdentityClaims }).user;
      const subject =
        (request.params as { id?: string } | undefined)?.id ??
        locationId(reply.getHeader('location'));
      void audit.record(`${request.method} ${route}`, {
        actor: user?.caller.id ?? null,
        subject: subject ?? null,
        requestId: request.id,
        details: { status: reply.statusCode },
      });
    }
    if (spans.enabled) {
      const given = request.headers['traceparent'];
      const endMs = Date.now();
      spans.record({
        name: `${request.method} ${route}`,
        kind: 'server',
        traceparent: traceparentOf(request),
        parent: typeof given === 'string' ? given : undefined,
        startMs: endMs - reply.elapsedTime,
        endMs,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'http.response.status_code': reply.statusCode,
        },
        failed: reply.statusCode >= 500,
      });
    }
    // The route's pattern, never the URL: a query may hold contact data (?phone=...).
    logger.info(
      {
        requestId: request.id,
        traceId: traceIdOf(traceparentOf(request)),
        actor: (request as { user?: IdentityClaims }).user?.caller.id,
        route: `${request.method} ${route}`,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    metrics.requests.inc({
      route: `${request.method} ${route}`,
      outcome: String(reply.statusCode),
    });
    metrics.requestSeconds.observe(
      { route: `${request.method} ${route}` },
      reply.elapsedTime / 1000,
    );
    done();
  });

  const document = buildOpenApiDocument(API_PREFIX, UNPREFIXED);
  SwaggerModule.setup('docs', app, document as never, { jsonDocumentUrl: 'docs/openapi.json' });
  // Every event of the catalog, as the OpenAPI document is every route.
  const asyncApi = buildAsyncApiDocument();
  fastify.get('/docs/asyncapi.json', (_request, reply) => reply.send(asyncApi));

  await app.listen(config.httpPort, '0.0.0.0');
  readiness.markStarted();
  logger.info({ port: config.httpPort }, 'gateway is listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'gateway is stopping');
    readiness.stopAccepting();
    await app.close();
    await nats.drain().catch(() => undefined);
    await spans.shutdown().catch(() => undefined);
    opsServer.close();
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}

void main();

import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { type Observable, from, lastValueFrom, map } from 'rxjs';

import { RpcHeader, spans, traceIdOf } from '@salesops/rpc';

import { Metrics } from './metrics';
import { LOGGER } from './tokens';
import { identityOf } from './identity.guard';
import { natsHeader, servedTraceparent } from './nats-headers';
import { requestContext } from './request-context';
import { contractOf } from './rpc-contract.metadata';

/**
 * Runs every NATS handler inside the request context carried in the headers (request id, actor),
 * counts it, and validates the reply against the contract so nothing unlisted leaves the service.
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = contractOf(context);
    const requestId = natsHeader(context, RpcHeader.requestId) ?? randomUUID();
    const actor = identityOf(context)?.caller.id;
    const route = contract?.subject ?? 'unknown';
    const stop = this.metrics.requestSeconds.startTimer({ route });
    const traceparent = servedTraceparent(context);
    const startMs = spans.enabled ? Date.now() : 0;
    const done = (outcome: 'ok' | 'error') => {
      const seconds = stop();
      if (spans.enabled && traceparent) {
        spans.record({
          name: route,
          kind: 'server',
          traceparent,
          parent: natsHeader(context, RpcHeader.traceparent),
          startMs,
          endMs: Date.now(),
          attributes: { 'rpc.system': 'nats', 'rpc.method': route },
          failed: outcome === 'error',
        });
      }
      this.metrics.requests.inc({ route, outcome });
      // Never the payload: it may hold contact data. At info, like the gateway's request line, so
      // a request's trace id is in the log of every process it touched (issue 17).
      const traceId = traceIdOf(traceparent);
      this.logger.info(
        {
          requestId,
          actor,
          ...(traceId ? { traceId } : {}),
          route,
          outcome,
          ms: Math.round(seconds * 1000),
        },
        'rpc',
      );
    };
    const work = requestContext.run({ requestId, actor, traceparent }, () =>
      lastValueFrom<unknown, undefined>(next.handle(), { defaultValue: undefined }),
    );
    return from(
      work.then(
        (value) => {
          done('ok');
          return value;
        },
        (error: unknown) => {
          done('error');
          throw error;
        },
      ),
    ).pipe(map((value): unknown => (contract ? contract.reply.parse(value) : value)));
  }
}

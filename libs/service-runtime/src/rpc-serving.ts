import type { ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isObservable, lastValueFrom } from 'rxjs';

import { type RpcContract, RpcHeader, spans, traceIdOf } from '@salesops/rpc';

import { EncodedReply } from './encoded-reply';
import { identityOf } from './identity.guard';
import type { Metrics } from './metrics';
import { natsHeader, servedTraceparent } from './nats-headers';
import { requestContext } from './request-context';

/**
 * Runs a NATS handler, once the guards have let its message in, inside the request context
 * carried in the headers (request id, actor), counts it, and validates the reply against the
 * contract so nothing unlisted leaves the service (an `EncodedReply` once, when it was made).
 */
export class RpcServing {
  constructor(
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  async serve(
    context: ExecutionContext,
    contract: RpcContract,
    handle: () => unknown,
  ): Promise<unknown> {
    const requestId = natsHeader(context, RpcHeader.requestId) ?? randomUUID();
    const actor = identityOf(context)?.caller.id;
    const route = contract.subject;
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
    let value: unknown;
    try {
      value = await requestContext.run({ requestId, actor, traceparent }, async () => {
        const result: unknown = await handle();
        return isObservable(result)
          ? lastValueFrom<unknown, undefined>(result, { defaultValue: undefined })
          : result;
      });
    } catch (error) {
      done('error');
      throw error;
    }
    done('ok');
    if (!(value instanceof EncodedReply)) return contract.reply.parse(value);
    // Validated when it was made, against its own contract only.
    if (value.subject !== route) throw new Error(`a reply encoded for ${value.subject}`);
    return value;
  }
}

import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Observable, from, lastValueFrom, map } from 'rxjs';

import { RpcHeader } from '@salesops/rpc';

import { Metrics } from './metrics';
import { identityOf } from './identity.guard';
import { natsHeader } from './nats-headers';
import { requestContext } from './request-context';
import { contractOf } from './rpc-contract.metadata';

/**
 * Runs every NATS handler inside the request context carried in the headers (request id, actor),
 * counts it, and validates the reply against the contract so nothing unlisted leaves the service.
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = contractOf(context);
    const requestId = natsHeader(context, RpcHeader.requestId) ?? randomUUID();
    const actor = identityOf(context)?.caller.id;
    const route = contract?.subject ?? 'unknown';
    const stop = this.metrics.requestSeconds.startTimer({ route });
    const work = requestContext.run({ requestId, actor }, () =>
      lastValueFrom<unknown, undefined>(next.handle(), { defaultValue: undefined }),
    );
    return from(
      work.then(
        (value) => {
          stop();
          this.metrics.requests.inc({ route, outcome: 'ok' });
          return value;
        },
        (error: unknown) => {
          stop();
          this.metrics.requests.inc({ route, outcome: 'error' });
          throw error;
        },
      ),
    ).pipe(map((value): unknown => (contract ? contract.reply.parse(value) : value)));
  }
}

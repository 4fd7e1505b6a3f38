import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

import { traceIdOf } from '@salesops/rpc';
import { LOGGER } from '@salesops/service-runtime';

import { traceparentOf } from './call-context.decorator';
import { toProblem } from './problem';

/** Answers every failure of an HTTP request as application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception, request.id);
    if (problem.status >= 500) {
      this.logger.error(
        {
          err: exception,
          requestId: request.id,
          traceId: traceIdOf(traceparentOf(request)),
          code: problem.code,
        },
        'request failed',
      );
    }
    const retryAfter = problem.details?.['retryAfterSeconds'];
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json')
      .send(problem);
  }
}

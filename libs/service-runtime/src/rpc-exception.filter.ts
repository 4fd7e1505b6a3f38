import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import { type Observable, throwError } from 'rxjs';
import { ZodError } from 'zod';

import { DomainError, type RpcErrorShape } from '@salesops/rpc';

import { DATABASE_ERRORS, LOGGER } from './tokens';

export type DatabaseErrors = (error: unknown) => DomainError | undefined;

/**
 * The one place a service turns what went wrong into the error shape that crosses NATS. Anything
 * unexpected becomes INTERNAL without internals, and is logged here.
 */
@Catch()
export class RpcExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(DATABASE_ERRORS) private readonly databaseErrors?: DatabaseErrors,
  ) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => this.shapeOf(exception));
  }

  shapeOf(exception: unknown): RpcErrorShape {
    if (exception instanceof DomainError) return exception.toShape();
    if (exception instanceof ZodError) {
      // A reply that breaks its own contract is our bug, not the caller's.
      this.logger.error({ issues: exception.issues }, 'reply does not match its contract');
      return new DomainError('INTERNAL').toShape();
    }
    const databaseError = this.databaseErrors?.(exception);
    if (databaseError) {
      if (databaseError.code === 'SERVICE_UNAVAILABLE') {
        this.logger.warn({ err: exception }, 'database busy or unreachable');
      }
      return databaseError.toShape();
    }
    this.logger.error({ err: exception }, 'unhandled error');
    return new DomainError('INTERNAL').toShape();
  }
}

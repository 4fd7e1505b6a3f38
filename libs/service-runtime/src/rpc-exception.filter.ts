import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { Logger } from 'pino';
import { type Observable, throwError } from 'rxjs';
import { ZodError } from 'zod';

import { databaseFailureOf } from '@salesops/persistence';
import { DomainError, type RpcErrorShape } from '@salesops/rpc';

import { LOGGER } from './tokens';

/**
 * The one place a service turns what went wrong into the error shape that crosses NATS. Anything
 * unexpected becomes INTERNAL without internals, and is logged here.
 */
@Catch()
export class RpcExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => this.toShape(exception));
  }

  private toShape(exception: unknown): RpcErrorShape {
    if (exception instanceof DomainError) return exception.toShape();
    if (exception instanceof ZodError) {
      // A reply that breaks its own contract is our bug, not the caller's.
      this.logger.error({ issues: exception.issues }, 'reply does not match its contract');
      return new DomainError('INTERNAL').toShape();
    }
    const prismaCode = prismaErrorCode(exception);
    if (prismaCode === 'P2025') return new DomainError('NOT_FOUND').toShape();
    if (prismaCode === 'P2002') return new DomainError('CONFLICT').toShape();
    const databaseFailure = databaseFailureOf(exception);
    if (databaseFailure) {
      this.logger.warn({ err: exception, databaseFailure }, 'database busy or unreachable');
      return new DomainError('SERVICE_UNAVAILABLE', 'The database is busy; try again').toShape();
    }
    this.logger.error({ err: exception }, 'unhandled error');
    return new DomainError('INTERNAL').toShape();
  }
}

function prismaErrorCode(exception: unknown): string | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { name, code } = exception as { name?: unknown; code?: unknown };
  return name === 'PrismaClientKnownRequestError' && typeof code === 'string' ? code : undefined;
}

import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

import { traceIdOf } from '@salesops/rpc';

import { requestContext } from './request-context';

/** JSON lines with the service, and the request id and actor of the request being served. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const context = requestContext.current();
      if (!context) return {};
      const traceId = traceIdOf(context.traceparent);
      return {
        requestId: context.requestId,
        actor: context.actor,
        ...(traceId ? { traceId } : {}),
      };
    },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization'],
      censor: '[redacted]',
    },
  });
}

/** Routes Nest's own log lines through the JSON logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

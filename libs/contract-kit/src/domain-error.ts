import { z } from 'zod';

import { type ErrorCode, errorEntryOf, isErrorCode } from './error-catalog';
import { sharedErrors } from './shared-errors';

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The one error shape that crosses NATS. */
export const rpcErrorSchema = z.object({
  code: z.string().refine(isErrorCode),
  status: z.number().int(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  errors: z.array(fieldErrorSchema).optional(),
});
export interface RpcErrorShape {
  code: ErrorCode;
  status: number;
  message: string;
  details?: Record<string, unknown>;
  errors?: FieldError[];
}

/** A failure with a stable code: thrown by services, carried over NATS, shown as problem+json. */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = errorEntryOf(code).title,
    readonly details?: Record<string, unknown>,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = errorEntryOf(code).status;
  }

  static from(shape: RpcErrorShape): DomainError {
    return new DomainError(shape.code, shape.message, shape.details, shape.errors);
  }

  toShape(): RpcErrorShape {
    return {
      code: this.code,
      status: this.status,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export function validationError(issues: readonly z.core.$ZodIssue[]): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    sharedErrors.VALIDATION_FAILED.title,
    undefined,
    issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: [...issue.path, key].join('.'),
            message: 'unknown field',
          }))
        : [{ path: issue.path.join('.'), message: issue.message }],
    ),
  );
}

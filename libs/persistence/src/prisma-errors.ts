import { DomainError } from '@salesops/rpc';

import { databaseFailureOf } from './database-failure';

/** Pool or transaction start timeouts, and an unreachable database: worth a retry. */
const DATABASE_BUSY = new Set(['P1001', 'P1002', 'P2024', 'P2028']);

export function prismaErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'PrismaClientKnownRequestError' && typeof code === 'string' ? code : undefined;
}

/**
 * What a Prisma error means to a caller, or undefined when it is not one this maps: the one
 * mapping every service's RpcExceptionFilter uses.
 */
export function domainErrorOfPrisma(error: unknown): DomainError | undefined {
  const code = prismaErrorCode(error);
  if (code === 'P2025') return new DomainError('NOT_FOUND');
  if (code === 'P2002') return new DomainError('CONFLICT');
  if ((code && DATABASE_BUSY.has(code)) || databaseFailureOf(error)) {
    return new DomainError('SERVICE_UNAVAILABLE', 'The database is busy; try again');
  }
  return undefined;
}

/**
 * True for a unique-constraint violation, optionally on a given field: P2002 from Prisma's model
 * queries, or the driver's UniqueConstraintViolation inside P2010 from a raw one.
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { target?: unknown } };
  const unique =
    code === 'P2002' ||
    (code === 'P2010' && JSON.stringify(meta ?? {}).includes('"UniqueConstraintViolation"'));
  if (!unique) return false;
  if (!field) return true;
  return JSON.stringify(meta ?? {}).includes(field);
}

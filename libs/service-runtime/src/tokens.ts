export const LOGGER = Symbol('LOGGER');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
/**
 * What a database error means to a caller (`(error) => DomainError | undefined`): provided by the
 * persistence kit's database module, used by the RpcExceptionFilter.
 */
export const DATABASE_ERRORS = Symbol('DATABASE_ERRORS');

export * from './caller';
export * from './error-catalog';
export * from './nats-connection';
export * from './rpc-client';
export * from './rpc-contract';
export * from './rpc-error';
export * from './rpc-headers';
export * from './signed-identity';

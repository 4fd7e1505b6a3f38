// The pure part (contracts, error catalogs, the error shape) is re-exported for the runtime's users.
export * from '@salesops/contract-kit';
export * from './call-keys';
export * from './caller';
export * from './deadline';
export * from './nats-connection';
export * from './rpc-client';
export * from './rpc-headers';
export * from './signed-identity';
export * from './span-export';
export * from './trace-context';

export * from './customers.rpc';
export * from './customers.errors';
export * from './customers.events';

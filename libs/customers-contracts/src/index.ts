export * from './customers.rpc';

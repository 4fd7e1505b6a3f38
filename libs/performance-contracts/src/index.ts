export * from './performance.rpc';
